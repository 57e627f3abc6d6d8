x = 10 ** 40 + 12345
y = 987654321987654321
print(x // y, x % y)
print(divmod(-x, y))
print(divmod(x, -y))
print((-x) // y, (-x) % y)
q, r = divmod(x, y)
print(q * y + r == x)
print(x // -7, x % -7)
