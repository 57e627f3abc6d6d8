s = "one two one two one"
print(s.replace("one", "1"))
print(s.replace("one", "1", 2))
print(s.replace("two", ""))
print(s.replace("", "-")[:12])
print("aaa".replace("a", "aa"), "abc".replace("x", "y"))
print(s.count("one"), s.count("o"), s.count(""), "aaaa".count("aa"))
