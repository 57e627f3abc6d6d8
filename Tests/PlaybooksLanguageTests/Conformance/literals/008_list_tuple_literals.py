empty = []
one = [1]
mixed = [1, 'two', 3.0, None, True, [4, 5]]
print(empty, one, mixed)
t0 = ()
t1 = (1,)
t2 = 1, 2
t3 = ('a', ('b', 'c'))
print(t0, t1, t2, t3)
print(repr(mixed))
print(len(mixed), len(t3))
print(type(t1).__name__, type((1)).__name__)
print([1, 2,], (3, 4,))
