rates = {"standard": (5.0, 0.5), "express": (15.0, 1.25), "overnight": (30.0, 2.0)}
packages = [("p1", 2.0, "standard"), ("p2", 10.5, "express"), ("p3", 0.5, "overnight"), ("p4", 3.0, "drone")]
total = 0.0
for pid, kg, method in packages:
    if method not in rates:
        print(f"{pid}: unknown method {method!r}, skipped")
        continue
    base, per_kg = rates[method]
    cost = base + per_kg * kg
    if kg > 10:
        cost *= 1.1
    total += cost
    print(f"{pid}: {kg:>5.1f}kg {method:<10} ${cost:>7.2f}")
print(f"total ${total:.2f}")
