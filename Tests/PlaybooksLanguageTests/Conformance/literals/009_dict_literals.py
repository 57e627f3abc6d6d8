d = {'a': 1, 'b': [1, 2], 'c': {'x': None}}
print(d)
print({})
print({1: 'one', 2.5: 'float', (1, 2): 'tuple', None: 'none', True: 'T'})
dup = {'k': 1, 'k': 2}
print(dup)
print({1: 'a', 1.0: 'b'})
print(repr({'quote': "it's"}))
print(d['c']['x'], d['b'][-1])
print(len(d), list(d))
