names = ["ann", "bob", "cy"]
ages = [30, 25, 41, 99]
for i, name in enumerate(names):
    print(i, name)
for i, name in enumerate(names, start=1):
    print(f"{i}. {name}")
print(list(zip(names, ages)))
print(dict(zip(names, ages)))
for (i, n), a in zip(enumerate(names), ages):
    print(i, n, a)
print(list(zip()), list(zip([1], [])))
