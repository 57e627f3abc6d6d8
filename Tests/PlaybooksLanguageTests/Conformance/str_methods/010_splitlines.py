text = "first\nsecond\r\nthird\n\nfifth"
print(text.splitlines())
print(text.split("\n"))
print("trailing\n".splitlines(), "".splitlines())
print("a\rb".splitlines(), len("x\n\ny\n".splitlines()))
for i, line in enumerate(text.splitlines(), 1):
    print(i, repr(line))
