inventory = {"apples": 3, "pears": 0, "kiwis": 12}
for item, qty in sorted(inventory.items(), key=lambda kv: kv[1]):
    print(f"{item}: {qty}")
(k1, v1), *others = inventory.items()
print(k1, v1, others)
keys, values = zip(*inventory.items())
print(keys, values)
print(dict(zip(values, keys)))
