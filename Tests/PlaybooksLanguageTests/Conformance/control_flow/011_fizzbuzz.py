for i in range(1, 21):
    out = ""
    if i % 3 == 0:
        out += "Fizz"
    if i % 5 == 0:
        out += "Buzz"
    print(out or i, end=" " if i < 20 else "\n")
print(sum(i for i in range(1, 100) if i % 3 == 0 or i % 5 == 0))
