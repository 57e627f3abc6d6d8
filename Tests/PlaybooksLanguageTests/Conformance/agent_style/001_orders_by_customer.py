orders = [
    {"id": 101, "customer": "acme", "total": 250.0, "status": "shipped"},
    {"id": 102, "customer": "globex", "total": 99.5, "status": "pending"},
    {"id": 103, "customer": "acme", "total": 75.25, "status": "pending"},
    {"id": 104, "customer": "initech", "total": 1200.0, "status": "shipped"},
    {"id": 105, "customer": "globex", "total": 10.0, "status": "cancelled"},
]
by_customer = {}
for o in orders:
    if o["status"] == "cancelled":
        continue
    entry = by_customer.setdefault(o["customer"], {"count": 0, "total": 0.0, "ids": []})
    entry["count"] += 1
    entry["total"] += o["total"]
    entry["ids"].append(o["id"])
for name, e in sorted(by_customer.items(), key=lambda kv: -kv[1]["total"]):
    print(f"{name:<8} orders={e['count']} total={e['total']:>8.2f} ids={e['ids']}")
print(by_customer)
