items = [3, 1, 2]
items.sort()
print(items)
mixed = [3, "one", 2]
mixed.sort()
print(mixed)
