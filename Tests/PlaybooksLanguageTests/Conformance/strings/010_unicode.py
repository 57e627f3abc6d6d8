s = "naïve café 日本"
print(s, len(s))
print(s.upper())
print([ord(c) for c in "é日"])
print(chr(0x263A), chr(960))
print(s[::-1])
print("ß".upper(), "ÉCOLE".lower())
print("Ω" in s, "日" in s)
print(repr("\u00e9"), "\u03b1")
