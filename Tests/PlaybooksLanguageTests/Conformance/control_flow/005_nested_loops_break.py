found = None
for i in range(1, 10):
    for j in range(1, 10):
        if i * j == 42:
            found = (i, j)
            break
    if found:
        break
print(found)
pairs = []
for a in range(4):
    for b in range(a):
        if (a + b) % 2 == 0:
            continue
        pairs.append((a, b))
print(pairs)
