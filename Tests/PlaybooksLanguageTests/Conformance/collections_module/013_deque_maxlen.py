from collections import deque

recent = deque([1, 2, 3], maxlen=3)
recent.append(4)
print(recent, recent.maxlen)
recent.appendleft(0)
print(recent)
recent.extend([7, 8])
print(recent, len(recent))
window = deque(maxlen=2)
for reading in [10, 20, 30, 40]:
    window.append(reading)
    print(list(window), sum(window) / len(window))
print(deque([1, 2]), deque([1, 2]).maxlen)
