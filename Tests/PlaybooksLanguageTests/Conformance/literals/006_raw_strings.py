r1 = r"C:\new\table"
print(r1, len(r1))
print(repr(r1))
r2 = r'\d+\.\d*'
print(r2)
print(R"upper\raw")
print(r"quote\"inside")
print(len(r"\n"), len("\n"))
r3 = r"""raw
triple\t"""
print(r3)
