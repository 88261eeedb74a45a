FROM alpine:3.20 AS <b>|*c*_d_&e$f%g,h:i[j](k)`#~
USER root
RUNN echo done
