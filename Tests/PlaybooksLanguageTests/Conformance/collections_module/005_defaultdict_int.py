from collections import defaultdict
counts = defaultdict(int)
for ch in "hello world":
    if ch != " ":
        counts[ch] += 1
print(dict(counts))
print(counts["z"], "z" in counts)
nested = defaultdict(lambda: defaultdict(int))
for user, action in [("ann", "login"), ("bob", "login"), ("ann", "view"), ("ann", "login")]:
    nested[user][action] += 1
print({u: dict(a) for u, a in nested.items()})
