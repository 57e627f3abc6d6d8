#!/usr/bin/env bash
# Worker benchmarks on a throwaway PostgreSQL server (scripts/postgres-throwaway.sh, fsync on):
#   1. `playbooks-bench workers` (in-process): durable awaits per second of one worker running
#      1, 10, 100 and 1,000 executions at once, synchronous_commit on (durability machine);
#   2. takeover: worker A runs 20 long executions, worker B idles beside it; A is killed with
#      SIGKILL; timed from the kill until B holds the first and the last of A's executions, for
#      each lease length.
#
#   Benchmarks/workers.sh                          # swift build -c release --scratch-path .build-release, then run
#   Benchmarks/workers.sh --binary PATH            # use an existing release `playbooks` (and the
#                                                  # `playbooks-bench` beside it), no build
#   Benchmarks/workers.sh -- --total 8000          # arguments after -- go to playbooks-bench workers
#   LEASES="2 5 15" Benchmarks/workers.sh          # lease lengths (s) of the takeover runs (default "2 5")
#
# Timing uses bash's $EPOCHREALTIME, so bash 5 is required; psql must be installed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

help_lines=15
# shellcheck source=Benchmarks/common.sh
source "$root/Benchmarks/common.sh"
parse_bench_args workers.sh "$@"
command -v psql >/dev/null || { echo "workers.sh: needs psql (apt-get install -y postgresql-client)" >&2; exit 1; }
ensure_release_binary workers.sh

server=$(scripts/postgres-throwaway.sh start $$)
pg_dir=$(printf '%s\n' "$server" | sed -n 's/^PLAYBOOKS_PG_DIR=//p')
url=$(printf '%s\n' "$server" | sed -n 's/^PLAYBOOKS_TEST_POSTGRES_URL=//p')
work="$(mktemp -d "${TMPDIR:-/tmp}/playbooks-workers.XXXXXX")"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    scripts/postgres-throwaway.sh stop "$pg_dir" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== playbooks-bench workers ${bench_args[*]:-} ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -m))"
"$bench_bin" workers --store "$url" "${bench_args[@]}"
echo

cat >"$work/long.pb" <<'PB'
# Long
Awaits for a long time, so that it is still running when its worker dies.

```python
@playbook
async def Main():
    for i in range(1000000):
        await Step("Main:01:EXE")
    return "done"
```
PB

now_ms() { local t=$EPOCHREALTIME; echo $(( ${t%.*} * 1000 + 10#${t#*.} / 1000 )); }
count() { psql "$url" -Atc "$1"; }

echo "== takeover: 20 executions on worker A, worker B idle beside it; A gets SIGKILL"
echo "lease_s  first_takeover_ms  all_taken_over_ms"
for lease in ${LEASES:-2 5}; do
    schema="takeover_${lease//./_}_$RANDOM"
    store="$url?schema=$schema"
    "$bin" submit "$work/long.pb" --store "$store" --count 20 >/dev/null
    "$bin" worker --store "$store" --concurrency 20 --lease "$lease" 2>"$work/a.log" &
    a=$!
    pids+=("$a")
    table="\"$schema\".playbooks_executions"
    until [ "$(count "SELECT count(*) FROM $table WHERE owner LIKE 'pid $a on %'")" = 20 ]; do sleep 0.05; done
    "$bin" worker --store "$store" --concurrency 20 --lease "$lease" 2>"$work/b.log" &
    b=$!
    pids+=("$b")
    sleep 1
    kill -9 "$a"
    killed=$(now_ms)
    wait "$a" 2>/dev/null || true
    first=""
    while :; do
        taken=$(count "SELECT count(*) FROM $table WHERE owner LIKE 'pid $b on %'")
        if [ -z "$first" ] && [ "$taken" -gt 0 ]; then first=$(($(now_ms) - killed)); fi
        [ "$taken" = 20 ] && break
        sleep 0.02
    done
    printf '%7s  %17s  %17s\n' "$lease" "$first" "$(($(now_ms) - killed))"
    kill -TERM "$b"
    wait "$b" 2>/dev/null || true
done
