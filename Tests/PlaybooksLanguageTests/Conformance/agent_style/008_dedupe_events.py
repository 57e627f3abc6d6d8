events = [
    {"id": "e1", "user": "ann", "type": "click", "ts": 100},
    {"id": "e2", "user": "ann", "type": "click", "ts": 101},
    {"id": "e1", "user": "ann", "type": "click", "ts": 100},
    {"id": "e3", "user": "bob", "type": "view", "ts": 99},
    {"id": "e2", "user": "ann", "type": "click", "ts": 101},
]
seen = set()
unique = []
for ev in events:
    if ev["id"] in seen:
        print("duplicate", ev["id"])
        continue
    seen.add(ev["id"])
    unique.append(ev)
unique.sort(key=lambda e: e["ts"])
print([e["id"] for e in unique])
per_user = {}
for e in unique:
    per_user.setdefault(e["user"], []).append(e["type"])
print(per_user)
