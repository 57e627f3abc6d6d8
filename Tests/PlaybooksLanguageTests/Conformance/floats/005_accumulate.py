total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0, round(total, 10))
print(sum([0.1] * 10))
print(0.1 * 10)
acc = 1.0
for _ in range(5):
    acc /= 3
print(acc)
print(1e16 + 1 - 1e16, 1e16 + 2 - 1e16)
