items = [3, 1, 3, 2, 1, 5, 2, 3]
seen = set()
out = []
for x in items:
    if x not in seen:
        seen.add(x)
        out.append(x)
print(out)
print(list(dict.fromkeys(items)))
print(sorted(set(items)))
words = ["b", "a", "b", "c", "a"]
print(list(dict.fromkeys(words)))
