data = [5, 2, 8, 1]
print(sorted(data), data)
print(sorted(data, reverse=True))
print(sorted("hello"), sorted({"b": 1, "a": 2}))
print(list(reversed(data)), list(reversed("abc")), list(reversed(range(3))))
print(sorted([-3, 2, -1], key=abs))
print(sorted([[2, 1], [1, 2], [1]], key=len))
print(sorted(["b10", "a2", "a10"], key=lambda s: (s[0], int(s[1:]))))
