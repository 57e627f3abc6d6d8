for v in [3.7, -3.7, 2.5, -2.5, 1e10, 0.99999]:
    print(v, int(v), round(v), float(int(v)))
print(float("3"), float(" 1.5 "), float("-0"), float("1e3"), float("1_0.5"))
print(int(float("12.9")), float(10 ** 15))
print(7.0 == 7, 7.0 % 1 == 0)
