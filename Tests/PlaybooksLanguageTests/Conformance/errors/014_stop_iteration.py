letters = ["x", "y"]
it = iter(letters)
print("letters:", letters)
print(next(it))
print(next(it))
print(next(it))
