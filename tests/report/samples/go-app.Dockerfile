# A Go service built the way the guide warns against.
FROM golang:latest AS build
WORKDIR /src
COPY . .
RUN go build -a -installsuffix cgo \
      -o /out/server ./cmd/server

FROM alpine:3.20
RUN apk add ca-certificates
COPY --from=build /out/server /server
CMD /server --port 8080
