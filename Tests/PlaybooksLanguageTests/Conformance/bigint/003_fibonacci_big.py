a, b = 0, 1
for i in range(200):
    a, b = b, a + b
    if i in (90, 91, 92, 93, 150, 199):
        print(i + 1, a)
print(len(str(a)))
