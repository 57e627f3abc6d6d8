def make_iter(items):
    pos = 0
    def next_item(default=None):
        nonlocal pos
        if pos >= len(items):
            return default
        v = items[pos]
        pos += 1
        return v
    return next_item

nx = make_iter(["a", "b", "c"])
print(nx(), nx(), nx(), nx(), nx("done"))
it = iter([1, 2])
print(next(it), next(it), next(it, "end"))
