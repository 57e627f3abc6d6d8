graph = {"A": {"B": 4, "C": 2}, "B": {"C": 5, "D": 10}, "C": {"E": 3}, "D": {"F": 11}, "E": {"D": 4}, "F": {}}
dist = {n: float("inf") for n in graph}
prev = {}
dist["A"] = 0
todo = set(graph)
while todo:
    u = min(sorted(todo), key=lambda n: dist[n])
    todo.remove(u)
    for v, w in graph[u].items():
        if dist[u] + w < dist[v]:
            dist[v] = dist[u] + w
            prev[v] = u
print(dist)
path, node = [], "F"
while node in prev or node == "A":
    path.append(node)
    if node == "A":
        break
    node = prev[node]
print(" -> ".join(reversed(path)))
