n = 10
while n > 0:
    n -= 3
    if n == 5:
        print("hit 5")
        break
else:
    print("completed, n =", n)
m = 0
while m < 3:
    m += 1
else:
    print("while-else ran, m =", m)
count = 0
while True:
    count += 1
    if count >= 4:
        break
print("count", count)
