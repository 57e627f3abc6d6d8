def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + r for r in rest]

print([fact(i) for i in range(8)])
print([fib(i) for i in range(15)])
print(power_set([1, 2, 3]))
print(len(power_set(list(range(8)))))
