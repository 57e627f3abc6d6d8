s = "hello world, hello"
print(s.find("hello"), s.find("hello", 1), s.rfind("hello"), s.find("bye"))
print(s.index("world"), s.rindex("l"), s.find("l", 5, 10), s.rfind("o", 0, 8))
try:
    s.index("bye")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("zz")
except ValueError as e:
    print("ValueError:", e)
print(s.find(""), s.rfind(""))
