print(max(3, 7, 1), min([4, 2, 9]), max("apple", "pear", key=len))
print(max([], default="empty"), min((), default=0))
print(max({"a": 3, "b": 9}, key=lambda k: {"a": 3, "b": 9}[k]))
people = [("ann", 31), ("bob", 25), ("cy", 31)]
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[1]))
print(max([1, 3, 2], key=lambda x: -x), min("zebra"))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
