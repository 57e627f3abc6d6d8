logs = """2024-05-01T10:00:01 INFO auth user=ann action=login
2024-05-01T10:00:05 WARN db latency=350ms
2024-05-01T10:01:10 ERROR auth user=bob action=login reason=bad_password
2024-05-01T10:02:00 INFO auth user=bob action=login
2024-05-01T10:03:30 ERROR db reason=timeout
2024-05-01T10:04:00 INFO api path=/orders status=200"""
levels = {}
errors = []
for line in logs.splitlines():
    ts, level, component, *rest = line.split()
    levels[level] = levels.get(level, 0) + 1
    fields = dict(kv.split("=", 1) for kv in rest)
    if level == "ERROR":
        errors.append((ts[11:], component, fields.get("reason", "?")))
print(levels)
for e in errors:
    print(" | ".join(e))
