grid = ["S.#.....",
        ".##.###.",
        "...#...#",
        "#.....#E"]
rows, cols = len(grid), len(grid[0])
start = [(r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "S"][0]
end = [(r, c) for r in range(rows) for c in range(cols) if grid[r][c] == "E"][0]
dist = {start: 0}
frontier = [start]
while frontier:
    nxt = []
    for r, c in frontier:
        for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] != "#" and (nr, nc) not in dist:
                dist[(nr, nc)] = dist[(r, c)] + 1
                nxt.append((nr, nc))
    frontier = nxt
print(start, end, dist.get(end))
print(len(dist), max(dist.values()))
