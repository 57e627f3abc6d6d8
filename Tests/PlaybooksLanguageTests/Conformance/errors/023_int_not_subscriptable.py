data = {"count": 5, "items": [1, 2]}
print(data["items"][0])
first = data["count"]
print("first is", first)
print(first[0])
