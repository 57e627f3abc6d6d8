for w in ["a", "ab", "abc", "abcdef"]:
    print(f"[{w.center(7)}] [{w.ljust(5)}] [{w.rjust(5)}]")
    print(f"[{w.center(8, '*')}] [{w.ljust(6, '.')}] [{w.rjust(4, '0')}]")
print("[" + "x".center(4, "-") + "]")
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2))
