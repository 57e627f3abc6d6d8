from collections import Counter
orders = [["apple", "bread"], ["apple", "milk", "apple"], ["bread"], ["milk", "eggs"]]
totals = Counter()
for basket in orders:
    totals.update(basket)
print(totals)
for item, n in totals.most_common():
    print(f"{item:<6} {'#' * n} {n}")
print(totals["caviar"], "caviar" in totals)
print(dict(totals))
