tests = ["abc", "ABC", "Abc", "123", "12a", " ", "\t\n", "", "a b", "A1"]
print(len(tests))
for t in tests:
    res = [t.isalpha(), t.isdigit(), t.isalnum(), t.isspace(), t.isupper(), t.islower()]
    print(repr(t), "".join("T" if r else "." for r in res))
