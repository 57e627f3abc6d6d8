vals = [0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15 + 0.3, 123456789.0, 1e-5, 0.0001, 1e-7]
for v in vals:
    text = repr(v)
    back = float(text)
    print(text, str(v), back == v)
print(len(vals), vals[3] - vals[2])
