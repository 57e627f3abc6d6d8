grid = {}
for x in range(3):
    for y in range(2):
        grid[(x, y)] = x * 10 + y
print(grid)
print(grid[2, 1], (1, 1) in grid, (5, 5) in grid)
neighbors = [(1 + dx, 0 + dy) for dx, dy in ((0, 1), (1, 0), (-1, 0), (0, -1))]
print([grid.get(p) for p in neighbors])
visited = {(0, 0), (0, 1)}
visited.add((0, 0))
print(sorted(visited))
