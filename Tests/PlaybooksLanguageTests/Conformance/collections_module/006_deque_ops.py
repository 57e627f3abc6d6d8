from collections import deque
d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d))
print(d.popleft(), d.pop(), d)
d.extend([7, 8])
d.appendleft(-1)
print(d, list(d), d[0], d[-1])
while len(d) > 2:
    print("drop", d.popleft())
print(d, 7 in d, 3 in d, deque())
