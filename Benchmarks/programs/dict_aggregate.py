# Dict-heavy aggregation, the bread and butter of agent code: group records by keys,
# count, sum, nest dicts, and build a summary with sorted() over items().
regions = ["north", "south", "east", "west"]
products = [f"sku-{k}" for k in range(40)]
sales = [
    {"region": regions[i % 4], "product": products[(i * 7) % 40], "qty": 1 + i % 9, "price": 2.5 + (i % 13)}
    for i in range(60_000)
]

by_region = {}
by_product = {}
nested = {}
for s in sales:
    revenue = s["qty"] * s["price"]
    by_region[s["region"]] = by_region.get(s["region"], 0.0) + revenue
    entry = by_product.setdefault(s["product"], {"qty": 0, "orders": 0})
    entry["qty"] += s["qty"]
    entry["orders"] += 1
    per = nested.setdefault(s["region"], {})
    per[s["product"]] = per.get(s["product"], 0) + s["qty"]

best = sorted(by_product.items(), key=lambda kv: kv[1]["qty"], reverse=True)[:3]
summary = {r: round(v, 2) for r, v in sorted(by_region.items())}
top_per_region = {r: max(p.items(), key=lambda kv: kv[1]) for r, p in nested.items()}
print(summary)
print(best)
print(sorted(top_per_region.items()))
print(sum(e["orders"] for e in by_product.values()), len(nested["north"]))
