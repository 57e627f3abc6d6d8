def shout(fn):
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        return result.upper() + "!"
    return wrapper

@shout
def hello(name):
    return "hello " + name

print(hello("world"))

def trace(fn):
    def wrapper(*args):
        print(f"-> {fn.__name__}{args}")
        r = fn(*args)
        print(f"<- {fn.__name__} = {r}")
        return r
    return wrapper

@trace
def add(a, b):
    return a + b

add(2, 3)
