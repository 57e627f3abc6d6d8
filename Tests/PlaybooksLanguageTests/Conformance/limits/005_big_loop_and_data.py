total = 0
for i in range(200000):
    total += i * i
print(total)
big = list(range(100000))
print(len(big), big[-1], sum(big))
d = {i: i * 2 for i in range(50000)}
print(len(d), d[49999])
s = "x" * 100000
print(len(s), s.count("x"))
