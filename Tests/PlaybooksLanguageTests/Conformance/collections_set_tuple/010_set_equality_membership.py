s = {1, 2, 3}
print(s == {3, 2, 1}, s == [1, 2, 3], s != {1})
print(set([1, 1, 2]) == {1, 2}, set() == set())
print(1.0 in s, True in s, 0 in s)
print(len(set(range(1000)) | set(range(500, 1500))))
u = set()
for chunk in [[1, 2], [2, 3], [3, 4]]:
    u = u | set(chunk)
print(u, sum(u))
