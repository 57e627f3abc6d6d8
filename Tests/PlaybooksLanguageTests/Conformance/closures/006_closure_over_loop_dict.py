handlers = {}
for name in ["add", "sub", "mul"]:
    def make(op):
        if op == "add":
            return lambda a, b: a + b
        if op == "sub":
            return lambda a, b: a - b
        return lambda a, b: a * b
    handlers[name] = make(name)
for name, fn in handlers.items():
    print(name, fn(6, 3))
