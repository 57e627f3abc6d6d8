# The same format spec applied again and again (parsed once and reused), across ints, floats,
# bools and strings, with invalid specs raising every time.
rows = []
for i in range(-3, 4):
    x = i * 1.25
    rows.append(f"{i:>4}|{i:+05d}|{x:8.3f}|{x:>+9.2e}|{i:,}|{x:.0%}|{i:x}|{True:>3}|{'ab':^6}")
for row in rows:
    print(row)
print(f"{12345678:,}", f"{1234.5:,.1f}", f"{65:c}", f"{7:08b}", f"{255:#X}", f"{3:.2f}")
for spec in [".2f", ".2f", "d", "d", ",", "z"]:
    for v in [7, 2.5, True]:
        try:
            print(spec, repr(format(v, spec)))
        except ValueError as e:
            print(spec, type(v).__name__, "ValueError:", e)
big = 10 ** 30
print(f"{big:,}", f"{big:>40}", f"{-big:+,}")
