edges = [(1, 2), (2, 1), (2, 3), (3, 2), (1, 3)]
unique = set()
for a, b in edges:
    unique.add((min(a, b), max(a, b)))
print(sorted(unique))
nodes = {n for e in edges for n in e}
print(nodes)
degree = {n: sum(1 for e in unique if n in e) for n in sorted(nodes)}
print(degree)
