def require_positive(fn):
    def wrapper(n):
        if n <= 0:
            raise ValueError(f"{fn.__name__} needs a positive number, got {n}")
        return fn(n)
    return wrapper

@require_positive
def halve(n):
    return n / 2

print(halve(10))
print(halve(-4))
