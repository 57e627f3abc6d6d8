#!/usr/bin/env python3
"""Recomputes the expected values of `FormatCaseTables` in FormatTests.swift with CPython.

    python3 Tests/PlaybooksLanguageTests/Oracles/format_oracle.py           # check: exit 1 on any difference
    python3 Tests/PlaybooksLanguageTests/Oracles/format_oracle.py --write   # write CPython's values into the file

Tables and what CPython computes for them (doubles are written as their IEEE-754 bits):
  reprCases (bits, repr)                  repr(x)
  floatCases (bits, spec, text)           format(x, spec), or "!Type: message"
  intCases (decimal, spec, text)          format(int(decimal), spec), or "!Type: message"
  stringCases (value, spec, text)         format(value, spec), or "!Type: message"
  roundCases (bits, ndigits, bits)        round(x, ndigits)
  parseFloatCases (text, bits or nil)     float(text); nil for ValueError
  parseIntCases (text, base, decimal?)    int(text, base); nil for ValueError
Needs CPython 3.11.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swift_literals  # noqa: E402

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "FormatTests.swift")


def double(bits):
    return struct.unpack("<d", struct.pack("<Q", bits))[0]


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def outcome(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 — every exception is a result
        return f"!{type(e).__name__}: {e}"


def or_nil(fn):
    try:
        return fn()
    except ValueError:
        return None


def same_double(a, b):
    # NaNs of any payload are equal to the Swift test.
    if a is None or b is None:
        return a == b
    x, y = double(a), double(b)
    return a == b or (x != x and y != y)


def hex_literal(value):
    return "0x%016x" % value


TABLES = {
    "static let reprCases": (lambda a: repr(double(a[0].value)), None),
    "static let floatCases": (lambda a: outcome(lambda: format(double(a[0].value), a[1].value)), None),
    "static let intCases": (lambda a: outcome(lambda: format(int(a[0].value), a[1].value)), None),
    "static let stringCases": (lambda a: outcome(lambda: format(a[0].value, a[1].value)), None),
    "static let roundCases": (lambda a: bits(round(double(a[0].value), a[1].value)), same_double),
    "static let parseFloatCases": (lambda a: or_nil(lambda: bits(float(a[0].value))), same_double),
    "static let parseIntCases": (lambda a: or_nil(lambda: str(int(a[0].value, a[1].value))), None),
}


def literal(value):
    if value is None:
        return "nil"
    if isinstance(value, int):
        return hex_literal(value)
    return swift_literals.swift_string(value)


def main(argv):
    if sys.version_info[:2] != (3, 11):
        print("format_oracle.py: needs CPython 3.11", file=sys.stderr)
        return 2
    sys.set_int_max_str_digits(0)
    write = "--write" in argv
    with open(SOURCE, encoding="utf-8") as f:
        source = f.read()
    mismatches, rewrites, total = [], [], 0
    for declaration, (compute, equal) in TABLES.items():
        for _, args in swift_literals.table(source, declaration):
            *inputs, expected = args
            total += 1
            want = compute(inputs)
            have = expected.value
            if not (equal(want, have) if equal else want == have):
                mismatches.append(f"{declaration} {[t.value for t in inputs]!r}: file {have!r}, python3 {want!r}")
                rewrites.append((expected.start, expected.end, literal(want)))
    return swift_literals.report("format", mismatches, total, SOURCE, write, rewrites, source)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
