def repeat(times):
    def deco(fn):
        def wrapper(*args, **kwargs):
            return [fn(*args, **kwargs) for _ in range(times)]
        return wrapper
    return deco

@repeat(3)
def ping(tag="x"):
    return "ping-" + tag

print(ping())
print(ping(tag="y"))

def prefix(p):
    return lambda fn: (lambda *a: p + str(fn(*a)))

@prefix("$")
def price(n):
    return n * 2

print(price(21))
