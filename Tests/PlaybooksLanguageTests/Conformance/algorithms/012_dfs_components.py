graph = {1: [2, 3], 2: [1], 3: [1, 4], 4: [3], 5: [6], 6: [5], 7: []}
seen = set()
components = []
for node in sorted(graph):
    if node in seen:
        continue
    stack, comp = [node], []
    while stack:
        n = stack.pop()
        if n in seen:
            continue
        seen.add(n)
        comp.append(n)
        stack.extend(reversed(graph[n]))
    components.append(comp)
print(components)
print([len(c) for c in components], max(components, key=len))
