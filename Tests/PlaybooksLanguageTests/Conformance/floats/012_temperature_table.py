for c in range(-20, 41, 15):
    f = c * 9 / 5 + 32
    k = c + 273.15
    print(f"{c:>4}C = {f:>6.1f}F = {k:.2f}K", repr(f))
print(repr(37.5 * 9 / 5 + 32), repr((98.6 - 32) * 5 / 9))
