#!/usr/bin/env bash
# Runs every libFuzzer target of Fuzz/ for SECONDS each (default 20), one after the other: the short,
# time-bounded run CI does after the tests (.ci/run). Prints one line per target (executions, seconds,
# the build and link time before it) and stops with status 1 at the first target that crashes, after
# printing the end of its log; the crashing input is in .build/fuzz/crashes/ (see Fuzz/README.md).
#
#   scripts/fuzz-all.sh [SECONDS]
#
# The targets of the stores, the providers and the runtime link against SwiftPM's debug build: run
# `swift build` (or `swift test`) first, as CI does. Long runs: scripts/fuzz.sh TARGET SECONDS.
set -euo pipefail
seconds="${1:-20}"
cd "$(dirname "$0")/.."
logs="${FUZZ_OUT:-.build/fuzz}/logs"
mkdir -p "$logs"
for target in snapshot compiler statements journal rows sse program config awaitrecord; do
    log="$logs/$target.log"
    start=$SECONDS
    if ! scripts/fuzz.sh "$target" "$seconds" >"$log" 2>&1; then
        tail -60 "$log"
        echo "fuzz-all: target $target crashed or failed to build (log: $log)" >&2
        exit 1
    fi
    executions=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    echo "fuzz $target: ${executions:-0} executions in ${seconds} s, $((SECONDS - start - seconds)) s building and starting"
done
