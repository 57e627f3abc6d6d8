s = "tab\there"
print(f"{s}")
print(f"{s!r}")
print(f"{s!r:>20}")
print(f"{3!r} {None!r} {[s]!s}")
print(f"{'é'!r}")
v = 0.1 + 0.2
print(f"{v} {v!r} {v!s} {v:.17g}")
print(f"{True} {True:d} {False:>6}")
