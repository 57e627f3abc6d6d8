n = 300_000
squares = [i * i for i in range(n) if i % 3 != 0]
index = {i: i * 2 for i in range(n)}
print(len(squares), len(index), squares[-1], index[n - 1])
