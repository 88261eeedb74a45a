module example.com/my-gin-app

go 1.21
