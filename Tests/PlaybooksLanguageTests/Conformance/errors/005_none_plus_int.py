def find(items, target):
    for i, x in enumerate(items):
        if x == target:
            return i

idx = find([5, 6, 7], 6)
print("found at", idx)
idx = find([5, 6, 7], 9)
print("found at", idx)
print(idx + 1)
