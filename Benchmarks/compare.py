#!/usr/bin/env python3
"""Side-by-side timing of CPython and `playbooks exec` on Benchmarks/programs/*.py.

Usage (from anywhere):
    python3 Benchmarks/compare.py                 # build release binary, 5 runs each
    python3 Benchmarks/compare.py --link static-stdlib   # glibc and friends shared (PIE)
    python3 Benchmarks/compare.py --no-build --runs 9 --json
    python3 Benchmarks/compare.py --only fib,loop

Every program is first run once under each interpreter and the two stdouts (and exit
statuses) must be identical; any difference is printed as a diff and the script exits 1.
Timed runs interleave the interpreters (python, playbooks, playbooks, python, ...) so that
load from other processes on a shared machine hits both about equally. Times are the
median wall time of whole processes (startup included) in milliseconds.

Targets: playbooks within 1.5x of CPython; for hello.py the target is absolute: the whole
`playbooks exec` process under 10 ms.

It also measures `playbooks exec --checkpoint-every-await` against plain `playbooks exec`
on async_steps.py (whose header says how many awaits it runs) and reports the per-await cost
of encoding the VM, discarding it and decoding a fresh one, and runs the hidden
`playbooks-bench snapshot` micro-benchmark (the `playbooks-bench` executable beside the measured binary).

Standard library only.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAMS = ROOT / "Benchmarks" / "programs"
# How the benchmarked binary is linked, and where each kind is built.
#   static-executable: everything linked in, glibc included (`-static-executable`): no dynamic
#     loader at all, so start-up is ~2 ms. (A statically linked glibc needs the shared NSS
#     libraries at run time to resolve host names; `exec` never does.)
#   static-stdlib: the Swift runtime and Foundation linked in, system libraries (glibc,
#     libstdc++, SQLite) shared, position-independent: the loader's relocations and symbol
#     lookups cost ~4.5 ms of every start.
LINK_MODES = {
    "static-executable": (".build-bench", ["-Xswiftc", "-static-executable"]),
    "static-stdlib": (".build-bench-stdlib", ["--static-swift-stdlib"]),
}
RATIO_TARGET = 1.5
# Programs whose target is absolute (whole playbooks process under this many ms).
ABSOLUTE_TARGETS_MS = {"hello.py": 10.0}
CHECKPOINT_PROGRAM = "async_steps.py"


def fail(message: str) -> None:
    print(f"compare.py: error: {message}", file=sys.stderr)
    sys.exit(1)


def build(link: str) -> None:
    # Linked statically, as a shipped command-line binary would be (see LINK_MODES): linking the
    # Swift shared libraries dynamically adds ~5 ms more to every start-up.
    scratch, flags = LINK_MODES[link]
    t0 = time.perf_counter()
    for product in ("playbooks", "playbooks-bench"):
        cmd = ["swift", "build", "-c", "release", *flags, "--scratch-path", scratch, "--product", product]
        print("building:", " ".join(cmd), file=sys.stderr, flush=True)
        proc = subprocess.run(cmd, cwd=ROOT)
        if proc.returncode != 0:
            fail(f"release build failed (exit {proc.returncode})")
    print(f"build finished in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)


LAST_CPU_MS = 0.0


def children_cpu_ms() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (r.ru_utime + r.ru_stime) * 1000.0


def run_once(cmd: list[str]) -> tuple[float, int, bytes, bytes]:
    """Runs a whole process; returns (wall ms, exit status, stdout, stderr). The process's
    user+system CPU time (less disturbed by a busy machine than wall time) goes to LAST_CPU_MS."""
    global LAST_CPU_MS
    c0 = children_cpu_ms()
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ms = (time.perf_counter() - t0) * 1000.0
    LAST_CPU_MS = children_cpu_ms() - c0
    return ms, proc.returncode, proc.stdout, proc.stderr


def show_diff(name: str, a_label: str, a: bytes, b_label: str, b: bytes) -> str:
    lines = difflib.unified_diff(
        a.decode("utf-8", "replace").splitlines(keepends=True),
        b.decode("utf-8", "replace").splitlines(keepends=True),
        fromfile=f"{name} ({a_label})",
        tofile=f"{name} ({b_label})",
    )
    text = "".join(list(lines)[:60])
    return text if text else "(outputs differ only in bytes not shown by a line diff)\n"


class Mismatch(Exception):
    pass


def check_same(name: str, ref: tuple[int, bytes], other: tuple[int, bytes, bytes], label: str) -> None:
    code, out, err = other
    if code != ref[0] or out != ref[1]:
        msg = f"OUTPUT MISMATCH in {name}: python3 exit {ref[0]}, {label} exit {code}\n"
        msg += show_diff(name, "python3", ref[1], label, out)
        if err:
            msg += f"--- {label} stderr ---\n" + err.decode("utf-8", "replace")[-2000:]
        raise Mismatch(msg)


def interleaved(cmds: dict[str, list[str]], runs: int, expect: dict[str, tuple[int, bytes]], name: str) -> dict[str, list[float]]:
    """Runs each command `runs` times, alternating the order every round, checking outputs.
    Returns wall times under each label and CPU times under "<label>/cpu"."""
    labels = list(cmds)
    times: dict[str, list[float]] = {k: [] for k in labels}
    times.update({k + "/cpu": [] for k in labels})
    for i in range(runs):
        order = labels if i % 2 == 0 else list(reversed(labels))
        for label in order:
            ms, code, out, err = run_once(cmds[label])
            if (code, out) != expect[label]:
                raise Mismatch(f"OUTPUT CHANGED between runs of {name} under {label} (run {i + 1})\n"
                               + show_diff(name, "first run", expect[label][1], f"run {i + 1}", out))
            times[label].append(ms)
            times[label + "/cpu"].append(LAST_CPU_MS)
    return times


def awaits_of(path: Path) -> int | None:
    m = re.search(r"#\s*bench:\s*awaits\s*=\s*(\d+)", path.read_text())
    return int(m.group(1)) if m else None


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="timed runs per interpreter and program (default 5)")
    ap.add_argument("--no-build", action="store_true", help="use the existing binary of the chosen --link")
    ap.add_argument("--link", choices=sorted(LINK_MODES), default="static-executable",
                    help="how to link the binary that is built and measured (default static-executable; "
                         f"built in {', '.join(f'{d} ({m})' for m, (d, _) in LINK_MODES.items())})")
    ap.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    ap.add_argument("--only", help="comma-separated program names (with or without .py)")
    ap.add_argument("--python", default=sys.executable,
                    help="CPython to compare with (default: the one running this script, which skips pyenv-style shims)")
    ap.add_argument("--python-flag", action="append", default=[], metavar="FLAG",
                    help="extra CPython flag, repeatable (e.g. --python-flag=-S to skip site and any .pth start-up imports)")
    ap.add_argument("--binary", help="playbooks executable to measure instead of the --link build")
    ap.add_argument("--no-checkpoint", action="store_true", help="skip the --checkpoint-every-await measurement")
    ap.add_argument("--no-snapshot", action="store_true", help="skip the `playbooks-bench snapshot` micro-benchmark")
    args = ap.parse_args()
    if args.runs < 1:
        fail("--runs must be at least 1")

    if args.binary is None and not args.no_build:
        build(args.link)
    binary = args.binary or str(ROOT / LINK_MODES[args.link][0] / "release" / "playbooks")
    if not os.access(binary, os.X_OK):
        fail(f"no executable at {binary} (build it, or drop --no-build)")

    programs = sorted(PROGRAMS.glob("*.py"))
    if args.only:
        wanted = {n if n.endswith(".py") else n + ".py" for n in args.only.split(",") if n}
        unknown = wanted - {p.name for p in programs}
        if unknown:
            fail(f"unknown programs: {', '.join(sorted(unknown))}")
        programs = [p for p in programs if p.name in wanted]

    py_version = subprocess.run([args.python, "--version"], capture_output=True, text=True).stdout.strip()
    python = [args.python, *args.python_flag]
    meta = {
        "python": f"{' '.join(python)} ({py_version})",
        "playbooks": binary,
        "runs": args.runs,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "load_average_before": load_average(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    if not args.json:
        print(f"CPython: {meta['python']}\nplaybooks: {binary}\nmachine: {meta['machine']}; "
              f"load average {meta['load_average_before']}; median of {args.runs} interleaved runs\n", flush=True)

    rows = []
    mismatches: list[str] = []
    for path in programs:
        rel = str(path.relative_to(ROOT))
        cmds = {"python3": [*python, rel], "playbooks": [binary, "exec", rel]}
        # Reference run (untimed; also warms the page cache).
        _, pcode, pout, perr = run_once(cmds["python3"])
        _, bcode, bout, berr = run_once(cmds["playbooks"])
        try:
            check_same(path.name, (pcode, pout), (bcode, bout, berr), "playbooks")
            times = interleaved(cmds, args.runs, {"python3": (pcode, pout), "playbooks": (bcode, bout)}, path.name)
        except Mismatch as e:
            mismatches.append(str(e))
            print(str(e), file=sys.stderr, flush=True)
            rows.append({"program": path.name, "status": "MISMATCH"})
            continue
        py_ms = statistics.median(times["python3"])
        pb_ms = statistics.median(times["playbooks"])
        ratio = pb_ms / py_ms
        py_cpu = statistics.median(times["python3/cpu"])
        pb_cpu = statistics.median(times["playbooks/cpu"])
        if path.name in ABSOLUTE_TARGETS_MS:
            limit = ABSOLUTE_TARGETS_MS[path.name]
            target = f"< {limit:g} ms"
            met = pb_ms < limit
        else:
            target = f"<= {RATIO_TARGET}x"
            met = ratio <= RATIO_TARGET
        row = {
            "program": path.name, "status": "ok", "cpython_ms": round(py_ms, 2), "playbooks_ms": round(pb_ms, 2),
            "ratio": round(ratio, 3), "target": target, "met": met,
            "cpython_cpu_ms": round(py_cpu, 2), "playbooks_cpu_ms": round(pb_cpu, 2),
            "cpu_ratio": round(pb_cpu / py_cpu, 3) if py_cpu > 0 else None,
            "cpython_runs_ms": [round(t, 2) for t in times["python3"]],
            "playbooks_runs_ms": [round(t, 2) for t in times["playbooks"]],
        }
        rows.append(row)
        if not args.json:
            print(f"  measured {path.name:<22} {py_ms:9.1f} {pb_ms:9.1f}  {ratio:5.2f}x (cpu {pb_cpu / max(py_cpu, 1e-9):5.2f}x)",
                  file=sys.stderr, flush=True)

    # Start-up-adjusted ratio: subtract each interpreter's hello.py time from its times, which
    # leaves the cost of the program itself (noisy for short programs).
    hello = next((r for r in rows if r["program"] == "hello.py" and r["status"] == "ok"), None)
    if hello:
        for r in rows:
            if r["status"] != "ok" or r is hello:
                continue
            py_net = r["cpython_ms"] - hello["cpython_ms"]
            pb_net = r["playbooks_ms"] - hello["playbooks_ms"]
            r["net_ratio"] = round(pb_net / py_net, 3) if py_net > 0 and pb_net > 0 else None

    checkpoint = None
    cp_path = PROGRAMS / CHECKPOINT_PROGRAM
    if not args.no_checkpoint and cp_path.exists():
        rel = str(cp_path.relative_to(ROOT))
        awaits = awaits_of(cp_path)
        cmds = {"plain": [binary, "exec", rel], "checkpoint": [binary, "exec", "--checkpoint-every-await", rel]}
        _, pcode, pout, _ = run_once([*python, rel])
        _, c1, o1, e1 = run_once(cmds["plain"])
        _, c2, o2, e2 = run_once(cmds["checkpoint"])
        try:
            check_same(CHECKPOINT_PROGRAM, (pcode, pout), (c1, o1, e1), "playbooks")
            check_same(CHECKPOINT_PROGRAM, (pcode, pout), (c2, o2, e2), "playbooks --checkpoint-every-await")
            runs = max(args.runs, 5)
            t = interleaved(cmds, runs, {"plain": (c1, o1), "checkpoint": (c2, o2)}, CHECKPOINT_PROGRAM)
            plain = statistics.median(t["plain"])
            ckpt = statistics.median(t["checkpoint"])
            cpu_plain = statistics.median(t["plain/cpu"])
            cpu_ckpt = statistics.median(t["checkpoint/cpu"])
            checkpoint = {
                "program": CHECKPOINT_PROGRAM, "awaits": awaits, "runs": runs,
                "plain_cpu_ms": round(cpu_plain, 2), "checkpoint_cpu_ms": round(cpu_ckpt, 2),
                "per_await_cpu_us": round((cpu_ckpt - cpu_plain) * 1000.0 / awaits, 2) if awaits else None,
                "plain_ms": round(plain, 2), "checkpoint_ms": round(ckpt, 2),
                "overhead_ms": round(ckpt - plain, 2),
                "per_await_us": round((ckpt - plain) * 1000.0 / awaits, 2) if awaits else None,
            }
        except Mismatch as e:
            mismatches.append(str(e))
            print(str(e), file=sys.stderr, flush=True)
            checkpoint = {"program": CHECKPOINT_PROGRAM, "status": "MISMATCH"}

    snapshot = None
    if not args.no_snapshot:
        bench = os.path.join(os.path.dirname(binary), "playbooks-bench")
        if not os.access(bench, os.X_OK):
            snapshot = {"error": f"no playbooks-bench executable at {bench}"}
        elif (proc := subprocess.run([bench, "snapshot", "--json"], cwd=ROOT, capture_output=True,
                                     text=True)).returncode == 0:
            snapshot = json.loads(proc.stdout)
        else:
            snapshot = {"error": proc.stderr.strip() or f"exit {proc.returncode}"}

    meta["load_average_after"] = load_average()
    if args.json:
        print(json.dumps({"meta": meta, "programs": rows, "checkpoint": checkpoint, "snapshot": snapshot,
                          "mismatches": len(mismatches)}, indent=2))
    else:
        print()
        print(f"{'program':<22} {'CPython ms':>10} {'playbooks ms':>12} {'ratio':>7}  {'target':<9} {'met':<4} "
              f"{'cpu ratio':>9} {'net ratio':>9}")
        print("-" * 92)
        for r in rows:
            if r["status"] != "ok":
                print(f"{r['program']:<22} {'OUTPUT MISMATCH — see stderr':>40}")
                continue
            print(f"{r['program']:<22} {r['cpython_ms']:>10.1f} {r['playbooks_ms']:>12.1f} {r['ratio']:>6.2f}x  "
                  f"{r['target']:<9} {'yes' if r['met'] else 'NO':<4} "
                  + (f"{r['cpu_ratio']:>8.2f}x " if r.get("cpu_ratio") else f"{'-':>9} ")
                  + (f"{r['net_ratio']:>8.2f}x" if r.get("net_ratio") else f"{'-':>9}"))
        ok = [r for r in rows if r["status"] == "ok" and r["program"] not in ABSOLUTE_TARGETS_MS]
        if ok:
            geo = statistics.geometric_mean([r["ratio"] for r in ok])
            nets = [r["net_ratio"] for r in ok if r.get("net_ratio")]
            cpus = [r["cpu_ratio"] for r in ok if r.get("cpu_ratio")]
            print("-" * 92)
            print(f"{'geometric mean':<22} {'':>10} {'':>12} {geo:>6.2f}x  {'':<9} {'':<4} "
                  + (f"{statistics.geometric_mean(cpus):>8.2f}x " if cpus else f"{'':>9} ")
                  + (f"{statistics.geometric_mean(nets):>8.2f}x" if nets else ""))
            print("ratio = median wall time playbooks / CPython (the target); cpu ratio = the same for user+system CPU time")
            if hello:
                print("net ratio = (program - hello.py) for playbooks / the same for CPython, wall time: start-up removed")
        if hello and hello["cpython_ms"] > 25 and not args.python_flag:
            print(f"\nnote: CPython takes {hello['cpython_ms']:.0f} ms to run hello.py here (a plain 3.11 starts in ~10-15 ms); "
                  "site-packages .pth files may be importing modules at start-up. Compare the net ratio, "
                  "or rerun with --python-flag=-S.")
        if checkpoint and "plain_ms" in checkpoint:
            c = checkpoint
            per = f"{c['per_await_us']:.1f} us per await over {c['awaits']} awaits" if c["awaits"] else "await count unknown"
            print(f"\n--checkpoint-every-await on {c['program']} (median of {c['runs']}): "
                  f"{c['plain_ms']:.1f} ms plain, {c['checkpoint_ms']:.1f} ms with checkpoints, "
                  f"+{c['overhead_ms']:.1f} ms = {per}")
            if c["per_await_cpu_us"] is not None:
                print(f"  CPU time: {c['plain_cpu_ms']:.1f} ms plain, {c['checkpoint_cpu_ms']:.1f} ms with checkpoints = "
                      f"{c['per_await_cpu_us']:.1f} us CPU per await")
        if snapshot and "bytes" in snapshot:
            s = snapshot
            print(f"\nplaybooks-bench snapshot (list {s['list']}, dict {s['dict']}): {s['bytes']} bytes ({s['kb']:.1f} KB), "
                  f"encode {s['encode_ms']['median']:.3f} ms, decode {s['decode_ms']['median']:.3f} ms (medians); "
                  f"Monty reference {s['monty_reference']['kb']:g} KB, {s['monty_reference']['dump_ms']} ms dump, "
                  f"{s['monty_reference']['load_ms']} ms load")
        elif snapshot:
            print(f"\nplaybooks-bench snapshot failed: {snapshot['error']}")
        print(f"\nload average before {meta['load_average_before']}, after {meta['load_average_after']} "
              f"({os.cpu_count()} CPUs; numbers are noisy if these are near or above the CPU count)")
    if mismatches:
        print(f"\ncompare.py: {len(mismatches)} program(s) printed different output under playbooks", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
