a = 'single'
b = "double"
c = '''triple
single'''
d = """triple
double"""
print(a, b)
print(c)
print(d)
print('it\'s', "say \"hi\"", "it's", 'say "hi"')
print(repr('it\'s'), repr("a\"b"), repr('both \' and "'))
print(len(c), len(d))
print('adjacent' ' literals' " join")
