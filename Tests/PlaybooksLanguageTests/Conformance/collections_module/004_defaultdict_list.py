from collections import defaultdict
pairs = [("fruit", "apple"), ("veg", "kale"), ("fruit", "fig"), ("grain", "rice"), ("veg", "leek")]
groups = defaultdict(list)
for kind, name in pairs:
    groups[kind].append(name)
print(dict(groups))
print(groups["missing"], len(groups))
for kind in sorted(groups):
    print(kind, groups[kind])
print(type(groups).__name__)
