from collections import Counter, defaultdict
words = ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]
groups = defaultdict(list)
for w in words:
    groups["".join(sorted(w))].append(w)
for key, ws in groups.items():
    print(key, ws)
print(Counter("listen") == Counter("silent"), Counter("abc") == Counter("abd"))
print(Counter(len(w) for w in words))
