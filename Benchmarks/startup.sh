#!/usr/bin/env bash
# Whole-process startup time: `playbooks exec Benchmarks/programs/hello.py` vs `python3` on the
# same file, median of N runs each (default 50), runs interleaved. Target: playbooks < 10 ms.
#
#   Benchmarks/startup.sh            # uses .build-bench/release/playbooks (build it first,
#                                    # e.g. with Benchmarks/compare.py, or swift build -c release
#                                    # -Xswiftc -static-executable --scratch-path .build-bench)
#   RUNS=200 PLAYBOOKS=path/to/playbooks PYTHON=python3.11 Benchmarks/startup.sh
#   PYTHON_FLAGS=-S Benchmarks/startup.sh    # CPython without site (skips .pth start-up imports)
#
# Timing uses bash's $EPOCHREALTIME (no extra process per sample), so bash 5 is required.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${RUNS:-50}"
bin="${PLAYBOOKS:-$root/.build-bench/release/playbooks}"
prog="Benchmarks/programs/hello.py"
# Resolve the real interpreter: a pyenv-style shim is itself a script that adds ~50 ms.
python="$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)')"
read -r -a pyflags <<<"${PYTHON_FLAGS:-}"

[ -n "${EPOCHREALTIME:-}" ] || { echo "startup.sh: needs bash 5 (EPOCHREALTIME)" >&2; exit 1; }
[ -x "$bin" ] || { echo "startup.sh: no executable at $bin; build it first" >&2; exit 1; }

expected="$("$python" "${pyflags[@]}" "$prog")"
got="$("$bin" exec "$prog")"
if [ "$expected" != "$got" ]; then
    echo "startup.sh: OUTPUT MISMATCH: python3 printed '$expected', playbooks printed '$got'" >&2
    exit 1
fi

# One sample in microseconds. EPOCHREALTIME is "seconds.micros" (the separator follows the
# locale); it is read directly, never through $(...), which would fork a subshell per sample.
pb_samples=()
py_samples=()
sample_pb() {
    local t0="${EPOCHREALTIME/[.,]/}"
    "$bin" exec "$prog" >/dev/null
    local t1="${EPOCHREALTIME/[.,]/}"
    pb_samples+=($((10#$t1 - 10#$t0)))
}
sample_py() {
    local t0="${EPOCHREALTIME/[.,]/}"
    "$python" "${pyflags[@]}" "$prog" >/dev/null
    local t1="${EPOCHREALTIME/[.,]/}"
    py_samples+=($((10#$t1 - 10#$t0)))
}
for ((i = 0; i < runs; i++)); do
    if ((i % 2 == 0)); then sample_pb; sample_py; else sample_py; sample_pb; fi
done

# Prints "median min max" in ms (3 decimals) of the given microsecond samples.
summary() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.3f %.3f %.3f", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

read -r pb_med pb_min pb_max <<<"$(summary "${pb_samples[@]}")"
read -r py_med py_min py_max <<<"$(summary "${py_samples[@]}")"
verdict=$(awk -v m="$pb_med" 'BEGIN { print (m < 10) ? "yes" : "NO" }')

echo "startup: $prog, $runs runs each, interleaved ($(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '  %-12s median %8.3f ms   min %8.3f   max %8.3f\n' "playbooks" "$pb_med" "$pb_min" "$pb_max"
printf '  %-12s median %8.3f ms   min %8.3f   max %8.3f\n' "python3" "$py_med" "$py_min" "$py_max"
echo "  (python3 = $python${PYTHON_FLAGS:+ $PYTHON_FLAGS})"
echo "  target: playbooks under 10 ms for the whole process: $verdict"
