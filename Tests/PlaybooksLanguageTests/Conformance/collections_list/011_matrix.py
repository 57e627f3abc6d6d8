m = [[1, 2, 3], [4, 5, 6]]
t = [[m[r][c] for r in range(len(m))] for c in range(len(m[0]))]
print(t)
print(list(zip(*m)))
n = [[7, 8], [9, 10], [11, 12]]
prod = [[sum(a * b for a, b in zip(row, col)) for col in zip(*n)] for row in m]
print(prod)
for row in prod:
    print(" ".join(f"{v:4d}" for v in row))
