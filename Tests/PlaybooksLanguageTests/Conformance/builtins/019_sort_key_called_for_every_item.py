# The key function is called once for every item, even for one item or none.
calls = []


def key(x):
    calls.append(x)
    return -x


print(sorted([5], key=key), calls)
calls.clear()
print(sorted([], key=key), calls)
items = [3]
items.sort(key=key)
print(items, calls)
calls.clear()
print(sorted([2, 1, 3], key=key), sorted(calls))


def boom(x):
    raise ValueError(f"bad item {x}")


try:
    sorted([1], key=boom)
except ValueError as e:
    print("ValueError", e)
