#!/usr/bin/env python3
"""Recomputes the expected results of the regex tables in RegexTests.swift with CPython's `re`.

    python3 Tests/PlaybooksLanguageTests/Oracles/regex_oracle.py           # check: exit 1 on any difference
    python3 Tests/PlaybooksLanguageTests/Oracles/regex_oracle.py --write   # write CPython's results into the file

Each RegexCase(pattern, flags, text, op, expected) is evaluated as the Swift test evaluates it:
op is search / match / fullmatch (optionally "@pos,endpos"), findall (every match's group spans)
or "sub:TEMPLATE"; a result is the spans of all groups as "start-end" or "n", "None", or
"Type: message" for an exception ("error: ..." for re.error). Needs CPython 3.11.
"""

import os
import re
import warnings
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swift_literals  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)  # CPython 3.11 warns of group names it still accepts

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "RegexTests.swift")
TABLES = ["private let regexTableCases", "private let regexFuzzCases"]


def spans(m):
    return ",".join("n" if s == (-1, -1) else f"{s[0]}-{s[1]}" for s in m.regs)


def error(e):
    name = "error" if isinstance(e, re.error) else type(e).__name__
    return f"{name}: {e}"


def evaluate(pattern, flags, text, op):
    try:
        compiled = re.compile(pattern, flags)
    except Exception as e:  # noqa: BLE001 — every exception is a result
        return error(e)
    try:
        if "@" in op:
            name, bounds = op.split("@", 1)
            pos, endpos = (int(b) for b in bounds.split(","))
            fn = {"search": compiled.search, "match": compiled.match}.get(name, compiled.fullmatch)
            m = fn(text, pos, endpos)
            return spans(m) if m else "None"
        if op in ("search", "match", "fullmatch"):
            m = getattr(compiled, op)(text)
            return spans(m) if m else "None"
        if op == "findall":
            return "[" + ";".join(spans(m) for m in compiled.finditer(text)) + "]"
        assert op.startswith("sub:"), op
        return "sub: " + compiled.sub(op[4:], text)
    except Exception as e:  # noqa: BLE001
        return error(e)


def main(argv):
    if sys.version_info[:2] != (3, 11):
        print("regex_oracle.py: needs CPython 3.11", file=sys.stderr)
        return 2
    write = "--write" in argv
    with open(SOURCE, encoding="utf-8") as f:
        source = f.read()
    mismatches, rewrites, total = [], [], 0
    for declaration in TABLES:
        for _, args in swift_literals.table(source, declaration):
            pattern, flags, text, op, expected = args
            total += 1
            want = evaluate(pattern.value, flags.value, text.value, op.value)
            if want != expected.value:
                mismatches.append(f"{pattern.value!r} {flags.value} {text.value!r} {op.value}: "
                                  f"file {expected.value!r}, python3 {want!r}")
                rewrites.append((expected.start, expected.end, swift_literals.swift_string(want)))
    return swift_literals.report("regex", mismatches, total, SOURCE, write, rewrites, source)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
