people = [{"name": "ann", "age": 3}, {"name": "bob", "age": 5}, {"name": "cy"}]
by_age = sorted(people[:2], key=lambda p: p["age"])
print(by_age)
print([p["name"] for p in by_age])
print(sorted(people, key=lambda p: p["age"]))
