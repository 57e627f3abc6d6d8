config = {"name": "svc", "port": "8080", "replicas": 0, "env": "prod", "timeout": "abc"}
schema = {"name": str, "port": int, "replicas": int, "timeout": int, "region": str}
problems = []
clean = {}
for key, typ in schema.items():
    if key not in config:
        problems.append(f"missing {key}")
        continue
    raw = config[key]
    try:
        clean[key] = typ(raw)
    except ValueError:
        problems.append(f"{key}: cannot convert {raw!r} to {typ.__name__}")
if clean.get("replicas") == 0:
    problems.append("replicas must be >= 1")
extra = sorted(set(config) - set(schema))
print(clean)
print("\n".join(problems))
print("unknown keys:", extra)
