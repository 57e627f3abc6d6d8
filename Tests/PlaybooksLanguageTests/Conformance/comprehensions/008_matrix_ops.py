m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i, row in enumerate(m)])
print([m[i][len(m) - 1 - i] for i in range(len(m))])
print([[row[c] for row in m] for c in range(3)])
print([sum(row) for row in m], [sum(col) for col in zip(*m)])
print([[v * 10 for v in row] for row in m if sum(row) > 6])
print([v for row in m for v in row][::2])
