xs = list(range(10))
del xs[0]
print(xs)
del xs[-1]
print(xs)
del xs[2:4]
print(xs)
del xs[::2]
print(xs)
xs[1:2] = ["a", "b", "c"]
print(xs)
xs[:0] = [0]
print(xs)
xs[len(xs):] = [9, 9]
print(xs)
