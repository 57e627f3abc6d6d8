grid = {(0, 0): "start", (0, 1): "wall"}
print(grid[(0, 0)], grid[0, 1])
for pos in sorted(grid):
    print(pos, grid[pos])
print(grid[(2, 3)])
