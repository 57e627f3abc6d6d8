#!/usr/bin/env python3
"""Runs the Python scripts of DatetimeTests.swift with CPython and compares what they print with
the expectations written there.

    python3 Tests/PlaybooksLanguageTests/Oracles/datetime_oracle.py           # check: exit 1 on any difference
    python3 Tests/PlaybooksLanguageTests/Oracles/datetime_oracle.py --write   # write CPython's output into the file

Each DatetimeCase(name:, source:, expected:, expectedError:) is run as `python3 -c SOURCE`:
expected is its stdout, expectedError the last line of its stderr when it exits 1 (else nil).
The snapshot script (snapshotSource) must print snapshotExpected. Needs CPython 3.11.
"""

import itertools
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import swift_literals  # noqa: E402

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "DatetimeTests.swift")


def run(script):
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    error = proc.stderr.rstrip("\n").split("\n")[-1] if proc.returncode == 1 else None
    return proc.stdout, error


def raw_multiline(text, indent):
    # The form the file uses: #\"\"\" ... \"\"\"# with every line indented (none of the scripts
    # or outputs contains \"\"\"#).
    assert '"""#' not in text
    lines = [(indent + line) if line else "" for line in text.split("\n")]
    return '#"""\n' + "\n".join(lines) + "\n" + indent + '"""#'


def main(argv):
    if sys.version_info[:2] != (3, 11):
        print("datetime_oracle.py: needs CPython 3.11", file=sys.stderr)
        return 2
    write = "--write" in argv
    with open(SOURCE, encoding="utf-8") as f:
        source = f.read()
    mismatches, rewrites, total = [], [], 0
    for _, args in swift_literals.table(source, "let datetimeCases"):
        name, script, expected, expected_error = args
        total += 1
        out, error = run(script.value)
        if out != expected.value:
            mismatches.append(f"{name.value}: stdout differs\n--- file\n{expected.value}--- python3\n{out}")
            rewrites.append((expected.start, expected.end, raw_multiline(out, " " * 12)))
        if error != expected_error.value:
            mismatches.append(f"{name.value}: last stderr line: file {expected_error.value!r}, python3 {error!r}")
            literal = "nil" if error is None else swift_literals.swift_string(error)
            rewrites.append((expected_error.start, expected_error.end, literal))
    snapshot = list(itertools.islice(swift_literals.iterate_tokens(source, source.index("private let snapshotSource")), 5))[4]
    snapshot_expected = list(itertools.islice(swift_literals.iterate_tokens(source, source.index("private let snapshotExpected")), 5))[4]
    total += 1
    out, error = run(snapshot.value)
    if out != snapshot_expected.value or error is not None:
        mismatches.append(f"snapshotSource: differs\n--- file\n{snapshot_expected.value}--- python3\n{out}{error or ''}")
        rewrites.append((snapshot_expected.start, snapshot_expected.end, raw_multiline(out, " " * 4)))
    return swift_literals.report("datetime", mismatches, total, SOURCE, write, rewrites, source)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
