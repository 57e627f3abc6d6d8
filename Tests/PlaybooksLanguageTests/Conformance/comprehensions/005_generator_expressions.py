nums = [4, -1, 9, 0, 16]
print(sum(n for n in nums if n > 0))
print(any(n < 0 for n in nums), all(n >= 0 for n in nums))
print(max(n * n for n in nums), min((abs(n) for n in nums), default=0))
print(", ".join(str(n) for n in sorted(nums)))
print(sorted((n % 5 for n in nums), reverse=True))
print(list(x for x in "hey"), tuple(n // 2 for n in nums))
print(sum(1 for _ in range(7)))
