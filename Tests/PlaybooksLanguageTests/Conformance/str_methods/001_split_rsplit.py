s = "a,b,,c,d"
print(s.split(","), s.split(",", 1), s.split(",", maxsplit=2))
print(s.rsplit(",", 1), s.rsplit(",", maxsplit=2))
print("  lots   of   space  ".split())
print("  lots   of   space  ".split(" "))
print("a b c d".split(None, 2), "a b c d".rsplit(None, 1))
print("".split(), "".split(","), "abc".split("x"))
print("1<>2<>3".split("<>"))
