rows = [("apple", 3, 1.5), ("kiwi", 12, 0.25), ("watermelon", 1, 4.0)]
print("%-12s%5s%8s" % ("item", "qty", "price"))
for name, qty, price in rows:
    print("%-12s%5d%8.2f" % (name, qty, price))
total = sum(q * p for _, q, p in rows)
print("%-12s%13.2f" % ("total", total))
print("=" * 25)
print("|" + "ok".center(23) + "|")
