s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"))
print("www.example.com".strip("wcom."), "<<a>>".strip("<>"))
print("123abc321".strip("0123456789"))
print(repr("".strip()), repr("   ".strip()))
