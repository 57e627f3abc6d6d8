for i in range(3):
    pass
print("after loop i =", i)
for ch in "xyz":
    last = ch
print(last, ch)
j = 100
for j in []:
    pass
print("empty loop keeps j", j)
k = 0
while k < 5:
    k += 2
print("k", k)
