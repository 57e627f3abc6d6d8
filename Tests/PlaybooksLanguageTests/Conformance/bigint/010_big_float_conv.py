n = 2 ** 80
print(float(n), n / 3, n // 3)
print(int(1e25), int(float(10 ** 25)))
print(n * 1.5, n + 0.5)
print(float(10 ** 308) * 10)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(10 ** 400 // 10 ** 399, round(2 ** 100 / 2 ** 99))
