xs = [1, 2, 3, 4]
ys = xs
zs = xs.copy()
xs.reverse()
print(xs, ys, zs)
ys.append(0)
print(xs, zs)
zs.clear()
print(xs, zs, len(zs))
ws = xs[:]
ws[0] = 99
print(xs[0], ws[0])
print(list(reversed(xs)), xs)
