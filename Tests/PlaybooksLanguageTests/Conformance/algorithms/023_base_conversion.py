def to_base(n, b):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    n = abs(n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(digits[r])
    return sign + "".join(reversed(out))

for n, b in [(255, 2), (255, 16), (-42, 7), (0, 3), (2 ** 70, 36), (123456789, 36)]:
    s = to_base(n, b)
    print(n, b, s, int(s, b) == n)
