def work(n):
    total = 0
    i = 0
    while i < n:
        total += i * 3 % 7 - (i // 5)
        i += 1
    return total

print(work(3_000_000))
