def perms(xs):
    if len(xs) <= 1:
        return [xs]
    out = []
    for i in range(len(xs)):
        for p in perms(xs[:i] + xs[i + 1:]):
            out.append([xs[i]] + p)
    return out

def combos(xs, k):
    if k == 0:
        return [[]]
    if len(xs) < k:
        return []
    return [[xs[0]] + c for c in combos(xs[1:], k - 1)] + combos(xs[1:], k)

print(perms([1, 2, 3]))
print(len(perms(list(range(5)))))
print(combos("abcd", 2))
print(["".join(c) for c in combos("abcde", 3)])
