a = 2 ** 100 + 12345
b = 2 ** 90 - 1
print(a & b)
print(a | b)
print(a ^ b)
print(a >> 50, a << 10)
print(-a >> 3, ~a)
print(hex(a), bin(b).count("1"))
print(-a & 0xFFFF)
