#!/usr/bin/env bash
# Durability benchmarks, side by side in one run:
#   1. `playbooks-bench durability` (in-process): per-await cost off / process / machine on the
#      SQLite and files stores, concurrency at machine level, bytes per await as the namespace
#      grows, resume time in-process;
#   2. whole-process resume: `playbooks run` crashed by PLAYBOOKS_FAILPOINT=crash-after-checkpoint:K,
#      then `playbooks resume ID` timed from before the process starts to the first message on its
#      stdout (the first resumed statement is a Say).
#
#   Benchmarks/durability.sh                         # swift build -c release --scratch-path .build-release, then run
#   Benchmarks/durability.sh --binary PATH           # use an existing release `playbooks` (and the
#                                                    # `playbooks-bench` beside it), no build
#   Benchmarks/durability.sh -- --runs 3 --json      # arguments after -- go to playbooks-bench durability
#   RESUME_RUNS=9 Benchmarks/durability.sh           # whole-process resumes per case (default 7)
#   BENCH_DIR=/some/disk Benchmarks/durability.sh    # where the stores go (default: mktemp -d); fsync
#                                                    # numbers only mean something on a real disk
#
# Timing uses bash's $EPOCHREALTIME, so bash 5 is required.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

help_lines=18
# shellcheck source=Benchmarks/common.sh
source "$root/Benchmarks/common.sh"
parse_bench_args durability.sh "$@"
ensure_release_binary durability.sh

runs="${RESUME_RUNS:-7}"
work="${BENCH_DIR:-}"
if [ -z "$work" ]; then
    work="$(mktemp -d "${TMPDIR:-/tmp}/playbooks-durability.XXXXXX")"
    trap 'rm -rf "$work"' EXIT
else
    mkdir -p "$work"
fi

echo "== playbooks-bench durability ${bench_args[*]:-} ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -m))"
"$bench_bin" durability --directory "$work/in-process" "${bench_args[@]}"
echo

# The resume program: the same Python as BenchDurabilityCommand.resumeProgram(kib:tail:).
# Records 1..K are Steps, record K+1 is the Say, so a crash after checkpoint K resumes into the Say.
write_program() { # FILE KIB K
    cat >"$1" <<EOF
# Bench
Resume benchmark: a namespace of $2 KiB, $3 steps, then the first resumed statement.

\`\`\`python
data = [str(i) + "x" * (1024 - len(str(i))) for i in range($2)]

@playbook
async def Main():
    for i in range($(($3 + 5))):
        if i == $3:
            await Say("user", "first resumed statement")
        await Step(f"S:{i}")
    return len(data)
\`\`\`
EOF
}

# Prints "median min max" in ms (2 decimals) of the given microsecond samples.
summary() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        printf "%.2f %.2f %.2f", m / 1000, v[1] / 1000, v[NR] / 1000 }'
}

echo "e. resume as a whole process: \`playbooks run\` killed by PLAYBOOKS_FAILPOINT=crash-after-checkpoint:K, then"
echo "   \`playbooks resume ID\` timed from before its exec to the first message on stdout; process level, median of $runs"
printf '   %-14s  %-6s  %9s  %7s  %7s  %s\n' "program" "store" "median ms" "min" "max" "target < 20 ms"
for store_kind in sqlite files; do
    for spec in "small, K=10:0:10" "small, K=1000:0:1000" "1 MB, K=10:1024:10" "1 MB, K=1000:1024:1000"; do
        IFS=: read -r label kib k <<<"$spec"
        dir="$work/whole-$store_kind-$kib-$k"
        mkdir -p "$dir"
        prog="$dir/bench.pb"
        write_program "$prog" "$kib" "$k"
        samples=()
        for ((r = 0; r <= runs; r++)); do
            if [ "$store_kind" = sqlite ]; then store="sqlite:$dir/state-$r.db"; else store="files:$dir/journal-$r"; fi
            id="resume-$r"
            status=0
            # In a subshell (not exec'd: `exit` keeps it), so that the "Killed" notice of the shell
            # that waits for the process goes to /dev/null with the rest.
            (
                PLAYBOOKS_FAILPOINT="crash-after-checkpoint:$k" "$bin" run "$prog" --store "$store" --id "$id" --non-interactive
                exit $?
            ) >/dev/null 2>&1 || status=$?
            if [ "$status" -ne 137 ]; then
                echo "durability.sh: the crashing run exited with $status, expected 137 (SIGKILL)" >&2
                exit 1
            fi
            first=""
            t0="${EPOCHREALTIME/[.,]/}"
            {
                IFS= read -r first || true
                t1="${EPOCHREALTIME/[.,]/}"
                cat >/dev/null
            } < <(exec "$bin" resume "$id" --store "$store" --non-interactive 2>/dev/null)
            if [ "$first" != "Bench: first resumed statement" ]; then
                echo "durability.sh: resume printed '$first' first, expected 'Bench: first resumed statement'" >&2
                exit 1
            fi
            ((r == 0)) && continue # warm-up (page cache, binary)
            samples+=($((10#$t1 - 10#$t0)))
        done
        read -r med min max <<<"$(summary "${samples[@]}")"
        verdict=$(awk -v m="$med" 'BEGIN { print (m < 20) ? "yes" : "NO" }')
        printf '   %-14s  %-6s  %9s  %7s  %7s  %s\n' "$label" "$store_kind" "$med" "$min" "$max" "$verdict"
    done
done

# For scale: a fresh run of the small program to its first message (process start, program load,
# store open, VM start, 1 record), and the start-up of the binary itself.
dir="$work/fresh"
mkdir -p "$dir"
write_program "$dir/bench.pb" 0 0
samples=()
for ((r = 0; r <= runs; r++)); do
    t0="${EPOCHREALTIME/[.,]/}"
    {
        IFS= read -r first || true
        t1="${EPOCHREALTIME/[.,]/}"
        cat >/dev/null
    } < <(exec "$bin" run "$dir/bench.pb" --store "sqlite:$dir/state-$r.db" --non-interactive 2>/dev/null)
    ((r == 0)) && continue
    samples+=($((10#$t1 - 10#$t0)))
done
read -r med min max <<<"$(summary "${samples[@]}")"
printf '   %-22s  %9s  %7s  %7s  (fresh `playbooks run`, sqlite, to its first message)\n' "fresh run, first Say" "$med" "$min" "$max"
samples=()
for ((r = 0; r <= runs; r++)); do
    t0="${EPOCHREALTIME/[.,]/}"
    "$bin" --help >/dev/null
    t1="${EPOCHREALTIME/[.,]/}"
    ((r == 0)) && continue
    samples+=($((10#$t1 - 10#$t0)))
done
read -r med min max <<<"$(summary "${samples[@]}")"
printf '   %-22s  %9s  %7s  %7s  (`playbooks --help`: process start-up alone)\n' "binary start-up" "$med" "$min" "$max"
echo "   (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
