def max_sub(xs):
    best = cur = xs[0]
    start = best_start = best_end = 0
    for i in range(1, len(xs)):
        if cur + xs[i] < xs[i]:
            cur = xs[i]
            start = i
        else:
            cur += xs[i]
        if cur > best:
            best, best_start, best_end = cur, start, i
    return best, xs[best_start:best_end + 1]

print(max_sub([-2, 1, -3, 4, -1, 2, 1, -5, 4]))
print(max_sub([-3, -1, -2]))
print(max_sub([5, -1, 5]))
