a, b = 17, 5
print(a + b, a - b, a * b, a / b)
print(a // b, a % b, a ** 2, -a)
print(divmod(a, b), divmod(-a, b))
print(2 + 3 * 4, (2 + 3) * 4, 2 ** 3 ** 2, -2 ** 2)
print(10 / 2, type(10 / 2).__name__, 10 // 2, type(10 // 2).__name__)
print(7 / 7, 0 / 5, 1 - 1.0)
