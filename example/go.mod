module example.com/s3cache

go 1.26.0
