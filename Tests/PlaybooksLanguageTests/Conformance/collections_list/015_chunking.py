data = list(range(1, 12))
size = 4
chunks = [data[i:i + size] for i in range(0, len(data), size)]
print(chunks)
pairs = list(zip(data[::2], data[1::2]))
print(pairs)
windows = [data[i:i + 3] for i in range(len(data) - 2)]
print(windows[:3], len(windows))
print([sum(w) for w in windows])
