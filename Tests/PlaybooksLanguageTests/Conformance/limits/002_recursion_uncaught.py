def countdown(n):
    if n == 0:
        return "liftoff"
    return countdown(n - 1)

print(countdown(500))
print("now going deeper")
print(countdown(100000))
