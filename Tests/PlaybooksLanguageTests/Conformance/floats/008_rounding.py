values = [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375]
for v in values:
    r0 = round(v)
    print(v, r0, type(r0).__name__, round(v, 1), round(v, 2))
print(round(123.456, -1), round(155.0, -1), round(-155.0, -1))
