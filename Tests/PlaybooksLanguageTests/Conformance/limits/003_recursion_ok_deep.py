def sum_to(n):
    return 0 if n == 0 else n + sum_to(n - 1)

for n in [10, 100, 500, 900]:
    print(n, sum_to(n))
