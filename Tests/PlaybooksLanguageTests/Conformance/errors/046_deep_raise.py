def a(n):
    print("a", n)
    return b(n + 1)

def b(n):
    print("b", n)
    return c(n * 2)

def c(n):
    print("c", n)
    if n > 2:
        raise IndexError(f"c got {n}")
    return n

a(1)
