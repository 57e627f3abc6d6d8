# Subscripts with an int index or a str/int key take an inline path; equal keys (1, 1.0, True),
# negative indices, errors and the dict flavors' missing-key rules must be unchanged.
d = {True: "t", 2.0: "two", "k": 1, 3: "three"}
print(d[1], d[2], d[True], d[3], d[3.0])
d[1] = "one"; d[2] = "deux"; d[4] = 4
print(d)
l = [1, 2, 3]
l[0] = 9; l[-1] = 7
print(l[0], l[2], l[-1], l[True])
try:
    l[3]
except IndexError as e:
    print(e)
try:
    l[3] = 1
except IndexError as e:
    print(e)
from collections import defaultdict, Counter
dd = defaultdict(list); dd[5].append(1); print(dd[5], dd[6])
c = Counter(); print(c[7], c["x"])
