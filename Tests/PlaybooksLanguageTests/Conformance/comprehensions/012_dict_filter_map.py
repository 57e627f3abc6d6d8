prices = {"apple": 1.25, "bread": 3.5, "milk": 0.99, "cheese": 7.0}
cheap = {k: v for k, v in prices.items() if v < 2}
print(cheap)
with_tax = {k: round(v * 1.2, 2) for k, v in prices.items()}
print(with_tax)
print(sorted(prices, key=prices.get))
print({k: v for k, v in sorted(prices.items(), key=lambda kv: -kv[1])[:2]})
