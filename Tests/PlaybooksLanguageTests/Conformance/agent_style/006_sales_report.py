sales = [
    ("2024-01", "north", 1200.0), ("2024-01", "south", 800.5),
    ("2024-02", "north", 950.25), ("2024-02", "south", 1100.0),
    ("2024-02", "east", 300.0), ("2024-03", "north", 1500.0),
]
months = sorted({m for m, _, _ in sales})
regions = sorted({r for _, r, _ in sales})
table = {(m, r): amt for m, r, amt in sales}
print("month   " + "".join(f"{r:>10}" for r in regions) + f"{'total':>10}")
for m in months:
    row = [table.get((m, r), 0.0) for r in regions]
    print(f"{m:<8}" + "".join(f"{v:>10.2f}" for v in row) + f"{sum(row):>10.2f}")
col_totals = [sum(table.get((m, r), 0.0) for m in months) for r in regions]
print(f"{'total':<8}" + "".join(f"{v:>10.2f}" for v in col_totals) + f"{sum(col_totals):>10.2f}")
