# Sizes no machine holds raise MemoryError before allocating; ints past 4300 digits are not converted to or from text.
cases = [
    ("ljust", lambda: 'x'.ljust(10**12)),
    ("rjust", lambda: 'x'.rjust(10**12, '-')),
    ("center", lambda: 'x'.center(10**12)),
    ("zfill", lambda: '-1'.zfill(10**12)),
    ("str repeat", lambda: 'ab' * 10**12),
    ("list repeat", lambda: [0] * 10**12),
    ("list of range", lambda: list(range(10**12))),
    ("shift", lambda: 1 << 10**12),
]
for name, make in cases:
    try:
        make()
        print(name, "built")
    except MemoryError:
        print(name, "MemoryError")
    except OverflowError as e:
        print(name, "OverflowError", e)
print(round(123, -10**6), round(-10**30, -10**6), round(5 * 10**20, -21), round(15 * 10**20, -21))
for text in ['1' * 4301, '-' + '2' * 5000]:
    try:
        int(text)
    except ValueError as e:
        print(e)
for convert in [str, repr, lambda n: f"{n:,}", lambda n: format(-n, "d"), "{}".format]:
    try:
        convert(7 ** 10**5)
    except ValueError as e:
        print(e)
print(format(10**5000, "x")[:12], len(f"{10**4299:_}"))
print(len(str(10**4299)), len(repr(-10**4299)))
