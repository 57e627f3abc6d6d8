def memo_fib():
    cache = {0: 0, 1: 1}
    def fib(n):
        if n not in cache:
            cache[n] = fib(n - 1) + fib(n - 2)
        return cache[n]
    return fib, cache

fib, cache = memo_fib()
print(fib(50))
print(len(cache), cache[10])
print(fib(100))
print(sorted(cache)[-3:])
