def quick(xs):
    if len(xs) < 2:
        return xs
    pivot = xs[len(xs) // 2]
    less = [x for x in xs if x < pivot]
    equal = [x for x in xs if x == pivot]
    more = [x for x in xs if x > pivot]
    return quick(less) + equal + quick(more)

print(quick([10, 7, 8, 9, 1, 5, 7]))
print(quick([(2, "b"), (1, "z"), (2, "a")]))
print(quick(["pear", "apple", "fig"]))
