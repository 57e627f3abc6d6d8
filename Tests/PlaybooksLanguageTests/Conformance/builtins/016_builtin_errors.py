tests = [
    lambda: len(5), lambda: int("12x"), lambda: int("1.5"), lambda: float("one"),
    lambda: chr(-1), lambda: sum(["a", "b"]), lambda: sorted([1, "a"]),
    lambda: max(1), lambda: list(5), lambda: abs("x"), lambda: int(None),
    lambda: next(iter([])), lambda: divmod(1, 0), lambda: ord("ab"),
]
for t in tests:
    try:
        print(t())
    except Exception as e:
        print(type(e).__name__ + ":", e)
