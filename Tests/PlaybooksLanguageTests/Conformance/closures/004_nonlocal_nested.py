def outer():
    x = "outer"
    def middle():
        nonlocal x
        x = "middle"
        def inner():
            nonlocal x
            x = x + "+inner"
            return x
        return inner()
    r = middle()
    return r, x

print(outer())
def shadow():
    x = 1
    def f():
        x = 2
        return x
    return f(), x
print(shadow())
