transactions = [
    ("2024-03-01", "groceries", -82.15), ("2024-03-02", "salary", 3000.0),
    ("2024-03-05", "rent", -1200.0), ("2024-03-09", "groceries", -45.6),
    ("2024-03-12", "fun", -60.0), ("2024-03-20", "groceries", -71.25),
]
budget = {"groceries": 180.0, "rent": 1200.0, "fun": 50.0}
spent = {}
balance = 0.0
for day, cat, amt in transactions:
    balance += amt
    if amt < 0:
        spent[cat] = spent.get(cat, 0.0) - amt
    print(f"{day} {cat:<10}{amt:>10.2f}{balance:>10.2f}")
for cat, limit in budget.items():
    used = spent.get(cat, 0.0)
    print(f"{cat:<10} {used:>8.2f}/{limit:<8.2f} {'OVER' if used > limit else 'ok'} ({used / limit:.0%})")
