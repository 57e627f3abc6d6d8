n = 2 ** 1000
digits = [int(c) for c in str(n)]
print(len(digits), sum(digits))
print(str(n)[:20], str(n)[-20:])
f = 1
for i in range(1, 101):
    f *= i
print(sum(int(c) for c in str(f)))
trailing = len(str(f)) - len(str(f).rstrip("0"))
print(trailing)
