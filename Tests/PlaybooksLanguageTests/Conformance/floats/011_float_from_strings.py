tests = ["1.5", "  2 ", "-3.25e2", ".5", "5.", "1e-3", "inf", "-nan", "1_000.5", "abc", "", "1.2.3"]
for t in tests:
    try:
        print(repr(t), float(t))
    except ValueError as e:
        print(repr(t), "error:", e)
