name = "Ada"
n = 3
print(f"Hello {name}!")
print(f"{n} + {n} = {n + n}")
print(f"{name!r} {name!s}")
print(f"{[1, 2]} {(3,)} {{'k': 1}}")
print(f"{'nested quotes'}")
print(f"{n * 'ab'}")
print(f"{{}} {{{n}}}")
print(F"upper F {n}")
