tmpl = "Dear {name}, your order #{order:05d} totals ${total:,.2f}."
print(tmpl.format(name="Ann", order=42, total=1234.5))
print("{0}{1}{0}".format("ab", "-"))
print("{:<10}|{:^10}|{:>10}".format("L", "C", "R"))
row = "{:>3} {:<6} {:>7.1f}"
for i, (n, v) in enumerate([("x", 1.25), ("yy", 22.75)]):
    print(row.format(i, n, v))
print("{a}-{b}".format(**{"a": 1, "b": 2}))
