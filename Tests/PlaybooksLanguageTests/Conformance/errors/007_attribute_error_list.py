data = [3, 1, 2]
data.sort()
print(data)
data.foo()
print("never")
