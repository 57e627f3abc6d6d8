def todo():
    pass

print(todo())
for _ in range(2):
    pass
if True:
    pass
else:
    print("no")
x = ...
print(x, x is ...)
print(type(todo()).__name__)
