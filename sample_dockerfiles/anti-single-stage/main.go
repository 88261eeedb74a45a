// A stand-in for the guide's Gin service: answers on :8080.
package main

import (
	"log"
	"net/http"
)

func main() {
	http.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("pong"))
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
