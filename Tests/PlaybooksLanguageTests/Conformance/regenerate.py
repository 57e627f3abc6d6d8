#!/usr/bin/env python3
"""Regenerate the expected outputs (.out / .err) of the conformance corpus.

For every program X.py below this directory:
  X.out  = stdout of `python3 X.py`
  X.err  = last line of stderr (only if the exit code is non-zero)
Programs run with cwd = their directory, PYTHONHASHSEED=0 and a 10 s timeout.
Each program is run a second time with a different PYTHONHASHSEED; if stdout,
exit status or the last stderr line differ, the script refuses and exits 1.

Usage: python3 regenerate.py [--check] [path-filter ...]
  --check   do not write; exit 1 if any .out/.err file is missing or stale
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.environ.get("PYTHON", "python3")
TIMEOUT = 10


def run(path, seed):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = str(seed)
    env.pop("PYTHONSTARTUP", None)
    proc = subprocess.run(
        [PYTHON, os.path.basename(path)],
        cwd=os.path.dirname(path),
        env=env,
        capture_output=True,
        timeout=TIMEOUT,
    )
    stdout = proc.stdout.decode("utf-8")
    err_lines = proc.stderr.decode("utf-8").rstrip("\n").splitlines()
    last = err_lines[-1] if err_lines else ""
    return stdout, proc.returncode, last


def run_retry(path, seed):
    # A busy machine can stall a run; retry once before reporting a timeout.
    try:
        return run(path, seed)
    except subprocess.TimeoutExpired:
        return run(path, seed)


def programs(filters):
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames.sort()
        if dirpath == ROOT:
            continue  # this script itself lives at the top level
        for name in sorted(filenames):
            if not name.endswith(".py"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, ROOT)
            if filters and not any(f in rel for f in filters):
                continue
            yield path, rel


def read(path):
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main(argv):
    check = "--check" in argv
    filters = [a for a in argv if not a.startswith("--")]
    count = 0
    changed = []
    problems = []
    for path, rel in programs(filters):
        count += 1
        try:
            out1, rc1, last1 = run_retry(path, 0)
            out2, rc2, last2 = run_retry(path, 4242)
        except subprocess.TimeoutExpired:
            problems.append(f"{rel}: timed out after {TIMEOUT}s")
            continue
        if (out1, rc1, last1) != (out2, rc2, last2):
            problems.append(f"{rel}: output depends on PYTHONHASHSEED (nondeterministic)")
            continue
        base = path[:-3]
        want_out = out1
        want_err = (last1 + "\n") if rc1 != 0 else None
        if rc1 != 0 and not last1:
            problems.append(f"{rel}: exit code {rc1} but empty stderr")
            continue
        cur_out = read(base + ".out")
        cur_err = read(base + ".err")
        if cur_out != want_out or cur_err != want_err:
            changed.append(rel)
            if not check:
                write(base + ".out", want_out)
                if want_err is None:
                    if cur_err is not None:
                        os.remove(base + ".err")
                else:
                    write(base + ".err", want_err)
    if not filters:
        # Drop expected-output files whose program no longer exists.
        for dirpath, _, filenames in os.walk(ROOT):
            for name in filenames:
                if name.endswith((".out", ".err")) and not os.path.exists(os.path.join(dirpath, name[:-4] + ".py")):
                    rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
                    changed.append(rel + " (orphan)")
                    if not check:
                        os.remove(os.path.join(dirpath, name))
    for p in problems:
        print("ERROR:", p)
    verb = "stale" if check else "updated"
    for c in changed:
        print(f"{verb}: {c}")
    print(f"{count} programs, {len(changed)} {verb}, {len(problems)} problems")
    if problems or (check and changed):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
