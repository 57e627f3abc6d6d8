def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"

for n in (-3, 0, 8):
    print(n, sign(n))
vals = [4, 7, 10]
print(["even" if v % 2 == 0 else "odd" for v in vals])
x = 5
label = "big" if x > 3 else "small"
print(label, (lambda v: v * 2 if v else -1)(0))
print(max(vals) if vals else None, min([], default=None))
