def f():
    try:
        return "try"
    finally:
        return "finally"

def g():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"

def h():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("finally sees x =", x)

print(f(), g(), h())
