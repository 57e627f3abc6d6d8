samples = ["hello world", "HELLO", "mIxEd CaSe", "it's o'neil", "123abc", "x1y2 z3"]
for s in samples:
    print(s.upper(), "|", s.lower(), "|", s.title())
    print("   ", s.capitalize(), "|", s.swapcase())
print(samples[0].title().swapcase())
