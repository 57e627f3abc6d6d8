samples = ["123", "abc", "a1", "  ", "", "ABC", "Abc", "12.5", "x y"]
for s in samples:
    flags = [s.isdigit(), s.isalpha(), s.isalnum()]
    flags += [s.isspace(), s.isupper(), s.islower()]
    print(repr(s), flags)
print(sum(1 for s in samples if s.isalnum()))
