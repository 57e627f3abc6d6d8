xs = list("abcdefgh")
cases = [(None, None, -1), (6, 1, -2), (-1, -6, -1), (2, None, -1), (None, 2, -1), (5, 5, -1)]
for start, stop, step in cases:
    part = xs[start:stop:step]
    print(start, stop, step, part, "".join(part))
print(xs[::-3], xs[-2::-3])
