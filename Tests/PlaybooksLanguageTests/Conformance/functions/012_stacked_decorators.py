log = []

def tag(name):
    def deco(fn):
        def wrapper(*a):
            log.append(name)
            return f"<{name}>{fn(*a)}</{name}>"
        return wrapper
    return deco

@tag("b")
@tag("i")
def text(s):
    return s

print(text("hi"))
print(log)
print(text("again"), log)
