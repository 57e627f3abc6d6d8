# Agent-style text work: build a web-server log, parse every line with a regular
# expression, and aggregate status codes, slow endpoints and per-user byte counts.
import re

methods = ["GET", "POST", "PUT", "DELETE"]
paths = ["/api/orders", "/api/users", "/health", "/api/items/42", "/login", "/static/app.js"]
lines = []
for i in range(25_000):
    lines.append(
        f"2024-05-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}Z "
        f"user{i % 113} {methods[i % 4]} {paths[(i * 5) % 6]} "
        f"status={(200, 201, 404, 500, 302)[i % 5]} bytes={(i * 37) % 9000} ms={(i * 13) % 700}"
    )
log = "\n".join(lines)

pattern = re.compile(r"^(\S+) (user\d+) ([A-Z]+) (\S+) status=(\d+) bytes=(\d+) ms=(\d+)$")
status_counts = {}
slow = {}
bytes_by_user = {}
errors = 0
for line in log.split("\n"):
    m = pattern.match(line)
    if m is None:
        errors += 1
        continue
    stamp, user, method, path, status, size, ms = m.groups()
    status_counts[status] = status_counts.get(status, 0) + 1
    if int(ms) > 500:
        key = method + " " + path
        slow[key] = slow.get(key, 0) + 1
    bytes_by_user[user] = bytes_by_user.get(user, 0) + int(size)

top_users = sorted(bytes_by_user.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(sorted(status_counts.items()))
print(sorted(slow.items(), key=lambda kv: -kv[1])[:3])
print(top_users, errors)
print(len(re.findall(r"status=5\d\d", log)), log.count("POST"))
