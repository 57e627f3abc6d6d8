row = [0] * 3
grid = [row] * 3
grid[0][0] = 1
print(grid)
grid2 = [[0] * 3 for _ in range(3)]
grid2[0][0] = 1
print(grid2)
a = [1, [2, 3]]
b = a.copy()
b[1].append(4)
b[0] = 100
print(a, b)
print(a[1] is b[1])
