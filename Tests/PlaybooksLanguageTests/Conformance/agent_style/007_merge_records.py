crm = {"u1": {"name": "Ann", "phone": None}, "u2": {"name": "Bob", "phone": "555-1"}}
billing = {"u1": {"plan": "pro", "phone": "555-9"}, "u3": {"plan": "free"}}
merged = {}
for uid in sorted(set(crm) | set(billing)):
    rec = {}
    for source in (crm.get(uid, {}), billing.get(uid, {})):
        for k, v in source.items():
            if v is not None and k not in rec:
                rec[k] = v
    rec.setdefault("name", "(unknown)")
    merged[uid] = rec
for uid, rec in merged.items():
    print(uid, rec)
print([uid for uid, r in merged.items() if "plan" not in r])
