from collections import deque
window = deque()
readings = [5, 7, 3, 10, 2, 8]
for r in readings:
    window.append(r)
    if len(window) > 3:
        window.popleft()
    print(list(window), sum(window) / len(window))
hist = deque()
for x in range(6):
    hist.append(x)
    if len(hist) > 2:
        hist.popleft()
print(hist)
