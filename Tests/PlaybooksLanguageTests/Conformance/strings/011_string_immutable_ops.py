s = "hello"
t = s
s += " world"
print(s, t)
u = s.replace("l", "L")
print(s, u)
print(s.upper(), s)
words = s.split()
words[0] = "HELLO"
print(words, s)
print(" ".join(words))
print(s is not None, s == "hello world")
