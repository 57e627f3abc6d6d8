first, *middle, last = range(6)
print(first, middle, last)
*init, tail = [1, 2, 3]
print(init, tail)
head, *rest = "a"
print(head, rest)
a, *b, c, d = [1, 2, 3, 4, 5, 6]
print(a, b, c, d)
*everything, = (7, 8)
print(everything)
x, *y = "hello"
print(x, y)
