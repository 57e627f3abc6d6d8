xs = [0, 1, 2, 3, 4, 5]
xs[1:3] = ["a", "b", "c"]
print(xs)
xs[::2] = [10, 20, 30, 40][:len(xs[::2])]
print(xs)
xs[-2:] = []
print(xs)
xs[:] = [9]
print(xs)
ys = [1, 2, 3, 4, 5, 6]
ys[::-2] = ["x", "y", "z"]
print(ys)
try:
    ys[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
