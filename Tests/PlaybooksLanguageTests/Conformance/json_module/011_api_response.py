import json
response = '{"status": "ok", "data": {"users": [{"id": 7, "name": "Ann", "roles": ["admin", "dev"]}, {"id": 9, "name": "Bo", "roles": []}]}, "next": null}'
payload = json.loads(response)
users = payload["data"]["users"]
for u in users:
    roles = ", ".join(u["roles"]) or "(none)"
    print(f"{u['id']:>3} {u['name']:<5} {roles}")
summary = {"count": len(users), "admins": [u["name"] for u in users if "admin" in u["roles"]], "has_more": payload["next"] is not None}
print(json.dumps(summary))
print(json.dumps(summary, indent=2, sort_keys=True))
