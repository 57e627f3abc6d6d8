inventory = {"fruit": {"apple": 3}, "veg": {}}
inventory["fruit"]["pear"] = 5
inventory["veg"]["kale"] = 1
inventory.setdefault("grain", {})["rice"] = 10
print(inventory)
inventory["fruit"]["apple"] -= 1
total = sum(sum(sub.values()) for sub in inventory.values())
print(total)
for cat, items in inventory.items():
    print(cat, sorted(items.items()))
