nums = [2 ** 70, -(2 ** 65), 10 ** 20, 3, -5, 2 ** 64, 10 ** 19 * 7]
print(sorted(nums))
print(max(nums), min(nums))
print(2 ** 64 > 1.8e19, 2 ** 64 == 18446744073709551616.0)
print(10 ** 30 == 1e30, 10 ** 22 == 1e22)
print(sum(nums))
print(abs(-(2 ** 80)))
