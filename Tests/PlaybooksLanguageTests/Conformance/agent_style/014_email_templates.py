template = "Hi {name},\nYour order {order_id} of {count} item{plural} ships {when}.\nTotal: ${total:,.2f}"
orders = [
    {"name": "Ann", "order_id": "A-1", "items": ["book"], "total": 12.5, "days": 0},
    {"name": "Bob", "order_id": "B-7", "items": ["pen", "ink", "pad"], "total": 1234.0, "days": 3},
]
for o in orders:
    n = len(o["items"])
    when = "today" if o["days"] == 0 else f"in {o['days']} days"
    print(template.format(name=o["name"], order_id=o["order_id"], count=n, plural="" if n == 1 else "s", when=when, total=o["total"]))
    print("---")
