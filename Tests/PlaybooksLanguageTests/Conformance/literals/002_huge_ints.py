big = 123456789012345678901234567890
print(big)
print(big * big)
print(-big)
print(2 ** 64, 2 ** 64 - 1, -(2 ** 63) - 1)
print(9223372036854775807 + 1)
print(18446744073709551615 * 3)
print(type(2 ** 100).__name__)
print(0xFFFFFFFFFFFFFFFFFFFF)
