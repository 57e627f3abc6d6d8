def greet(name):
    return "hi " + name

print(greet("ann"))
names = ["bob", "cy"]
print(greet(*names))
