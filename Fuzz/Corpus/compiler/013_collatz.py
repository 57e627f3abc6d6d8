def collatz_len(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

for n in [1, 2, 3, 6, 7, 27]:
    print(n, collatz_len(n))
best = max(range(1, 1000), key=collatz_len)
print("best under 1000:", best, collatz_len(best))
