for i in range(10):
    if i % 2:
        continue
    if i > 6:
        break
    print("even", i)
total = 0
for x in [3, -1, 4, -1, 5, 0, 9]:
    if x < 0:
        continue
    if x == 0:
        print("stop at zero")
        break
    total += x
print("total", total)
