from collections import Counter
c = Counter("abracadabra")
print(c)
print(c["a"], c["z"], len(c))
print(c.most_common(2))
print(c.most_common())
words = Counter("the cat and the hat and the bat".split())
print(words.most_common(3))
print(sorted(words.items()))
