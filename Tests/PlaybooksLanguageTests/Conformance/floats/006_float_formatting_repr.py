values = [1.0, 10.0, 1e16, 1.5e16, 1e-4, 1e-5, 123.456, 0.000123, 1e100, 12345678901234567890.0]
for v in values:
    g = f"{v:.3g}"
    e = f"{v:.2e}"
    print(repr(v), g, e)
print(str(values[2]), str(values[5]))
