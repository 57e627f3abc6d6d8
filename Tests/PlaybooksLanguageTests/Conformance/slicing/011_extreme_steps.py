# Slice steps and bounds at the limits of a 64-bit int, and beyond it.
M = 9223372036854775807
big = 10**30
a = list(range(10))
for step in [-M - 1, -M, M, big, -big, -1, 2, -3]:
    print(step, a[::step], tuple(a)[::step], "abcdefghij"[::step], "αβγδεζηθικ"[::step])
for start, stop in [(-M - 1, M), (M, -M - 1), (big, -big), (-big, big), (-M - 1, -M - 1), (M, M)]:
    for step in [None, 1, -1, M, -M - 1]:
        print(start, stop, step, a[start:stop:step], "abcdefghij"[start:stop:step])
print(range(10)[::-M - 1], range(10)[::M], range(5, 10)[::-M - 1], range(10)[M:-M - 1:-1])
print(list(range(10)[::-M - 1]), len(range(10)[::M]), len(range(9, -1, -M - 1)), list(range(9, -1, -M - 1)))
print(range(10)[-big:big], range(10)[big:-big:-1])
b = list(range(10))
b[::-M - 1] = [99]
print(b)
b[M:] = [1, 2]
print(b)
b[-M - 1:2] = []
print(b)
b[::M] = ["x"]
print(b)
c = list(range(10))
del c[::-M - 1]
print(c)
del c[::M]
print(c)
del c[big:]
print(c)
del c[-big:1]
print(c)
try:
    a[::0]
except ValueError as e:
    print("ValueError", e)
try:
    b[::-M - 1] = [1, 2]
except ValueError as e:
    print("ValueError", e)
