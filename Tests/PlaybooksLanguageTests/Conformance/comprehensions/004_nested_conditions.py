data = [[1, -2, 3], [], [-4, 5], [6]]
print([x for row in data for x in row if x > 0])
print([x for row in data if row for x in row if x % 2 == 0])
print([[x for x in row if x > 0] for row in data])
print([len(row) for row in data if len(row) != 1])
print([x for x in range(30) if x % 2 if x % 3 if x % 5])
