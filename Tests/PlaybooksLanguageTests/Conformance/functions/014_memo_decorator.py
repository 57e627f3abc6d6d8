caches = []

def memoize(fn):
    cache = {}
    caches.append(cache)
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(90))
print(len(caches), len(caches[0]))
print([fib(i) for i in range(10)])
