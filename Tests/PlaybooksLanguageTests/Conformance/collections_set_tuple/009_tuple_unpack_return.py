def stats(nums):
    return min(nums), max(nums), sum(nums) / len(nums)

lo, hi, avg = stats([4, 8, 15, 16, 23, 42])
print(lo, hi, avg)
result = stats([1, 2])
print(result, type(result).__name__)
(a, b), c = (1, 2), 3
print(a, b, c)
for name, (x, y) in [("p", (1, 2)), ("q", (3, 4))]:
    print(name, x + y)
