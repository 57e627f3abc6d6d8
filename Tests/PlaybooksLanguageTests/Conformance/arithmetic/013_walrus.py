data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
total = 0
i = 0
while (v := data[i]) != 9:
    total += v
    i += 1
print(total, v, i)
squares = [y for x in data if (y := x * x) > 10]
print(squares, y)
print((z := 10) + z)
