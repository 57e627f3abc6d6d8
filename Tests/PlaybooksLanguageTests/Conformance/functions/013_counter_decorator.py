calls = {}

def counted(fn):
    def wrapper(*args):
        calls[fn.__name__] = calls.get(fn.__name__, 0) + 1
        return fn(*args)
    return wrapper

@counted
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

@counted
def double(n):
    return 2 * n

print(fib(15), calls)
calls["fib"] = 0
print(fib(10), double(fib(5)), calls)
