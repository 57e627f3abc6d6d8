orders = [("widget", 4, 2.5), ("gadget", 10, 12.75), ("doohickey", 1, 100.0)]
header = f"{'item':<10}|{'qty':>5}|{'price':>9}|{'total':>10}"
print(header)
print("-" * len(header))
grand = 0
for item, qty, price in orders:
    t = qty * price
    grand += t
    print(f"{item:<10}|{qty:>5}|{price:>9.2f}|{t:>10,.2f}")
print(f"{'TOTAL':<10}|{'':>5}|{'':>9}|{grand:>10,.2f}")
print(f"{grand:=^30,.1f}")
