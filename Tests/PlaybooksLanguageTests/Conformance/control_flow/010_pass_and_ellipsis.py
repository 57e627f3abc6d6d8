def todo():
    pass

print(todo())
for _ in range(2):
    pass
if True:
    pass
else:
    print("no")
def later(x):
    pass
    return x
print(later(7), type(todo()).__name__)
