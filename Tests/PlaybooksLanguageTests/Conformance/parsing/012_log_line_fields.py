lines = [
    '127.0.0.1 - - [10/Oct/2023:13:55:36] "GET /index.html HTTP/1.1" 200 2326',
    '10.0.0.5 - bob [10/Oct/2023:13:56:01] "POST /api/login HTTP/1.1" 401 12',
    '10.0.0.5 - bob [10/Oct/2023:13:56:09] "POST /api/login HTTP/1.1" 200 87',
]
status_count = {}
for line in lines:
    ip, _, user, rest = line.split(" ", 3)
    stamp = rest[rest.index("[") + 1:rest.index("]")]
    request = rest.split('"')[1]
    method, path, _ = request.split()
    status, size = rest.rsplit(" ", 2)[1:]
    status_count[status] = status_count.get(status, 0) + 1
    print(ip, user, stamp.split(":", 1)[1], method, path, int(status), int(size))
print(status_count)
