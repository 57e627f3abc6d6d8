#!/usr/bin/env python3
"""Runs conformance programs through `playbooks exec` and shows how they differ from CPython.

Usage: scripts/conformance-diff.py [--binary PATH] [--checkpoint] [filter ...]
"""
import difflib, os, subprocess, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "PlaybooksLanguageTests", "Conformance")
args = sys.argv[1:]
binary = os.path.abspath(".build/debug/playbooks")
extra = []
if "--binary" in args:
    i = args.index("--binary"); binary = os.path.abspath(args[i + 1]); del args[i:i + 2]
if "--checkpoint" in args:
    args.remove("--checkpoint"); extra = ["--checkpoint-every-await"]
failed = total = 0
for dirpath, _, files in sorted(os.walk(ROOT)):
    for f in sorted(files):
        if not f.endswith(".py") or dirpath == ROOT:
            continue
        path = os.path.join(dirpath, f)
        rel = os.path.relpath(path, ROOT)
        if args and not any(a in rel for a in args):
            continue
        total += 1
        p = subprocess.run([binary, "exec", f] + extra, cwd=dirpath, capture_output=True, timeout=60)
        out = p.stdout.decode("utf-8", "replace")
        want = open(path[:-3] + ".out", encoding="utf-8", newline="").read()
        err_path = path[:-3] + ".err"
        want_err = open(err_path, encoding="utf-8").read().strip() if os.path.exists(err_path) else None
        got_err = (p.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        problems = []
        if out != want:
            problems.append("".join(difflib.unified_diff(want.splitlines(True), out.splitlines(True), "cpython", "playbooks", n=1)))
        if want_err is None and p.returncode != 0:
            problems.append(f"exit {p.returncode}: {p.stderr.decode('utf-8','replace')[-600:]}")
        if want_err is not None and got_err != want_err:
            problems.append(f"stderr last line:\n  want: {want_err}\n  got:  {got_err}")
        if problems:
            failed += 1
            print(f"=== {rel}\n" + "\n".join(problems))
print(f"{total - failed} passed, {failed} failed")
