def square(x):
    return x * x

def apply_all(funcs, value):
    return [f(value) for f in funcs]

ops = [square, abs, str, lambda v: -v]
print(apply_all(ops, -4))
table = {"sq": square, "neg": lambda v: -v}
print(table["sq"](7), table["neg"](7))
f = square
print(f(12), f.__name__, (lambda: 0).__name__)
print(list(map(square, [1, 2, 3])))
