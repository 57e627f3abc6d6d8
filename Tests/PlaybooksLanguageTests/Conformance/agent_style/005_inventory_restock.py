stock = {"widget": 4, "gadget": 0, "gizmo": 25, "doohickey": 9}
thresholds = {"widget": 10, "gadget": 5, "gizmo": 10}
reorder = {}
for item, qty in stock.items():
    limit = thresholds.get(item, 8)
    if qty < limit:
        reorder[item] = limit * 2 - qty
print("reorder:", reorder)
for item, qty in sorted(reorder.items(), key=lambda kv: -kv[1]):
    print(f"  {item:<10} +{qty}")
stock.update({k: stock[k] + v for k, v in reorder.items()})
print("after:", stock)
print("total units:", sum(stock.values()))
