#!/usr/bin/env bash
# Runs `playbooks check` on every .pb program of the original Playbooks project's examples/ and
# tests/data/ (github.com/playbooks-ai/playbooks) and prints how many load, and each failure's error.
#
#   scripts/check-original-examples.sh PATH            # PATH: a checkout, or a bare git mirror
#   PLAYBOOKS_ORIGINAL=PATH scripts/check-original-examples.sh
#
# The programs are not part of this repository; they are read from PATH (a bare mirror is
# exported to a temporary directory first, keeping relative paths). PLAYBOOKS_BIN names the
# `playbooks` executable (default: .build/debug/playbooks). Exits 0 when at least
# PLAYBOOKS_MIN_LOADING programs load (default 65), 1 otherwise.
set -euo pipefail

source_path="${1:-${PLAYBOOKS_ORIGINAL:-}}"
if [[ -z "$source_path" ]]; then
    echo "usage: $0 PATH-TO-ORIGINAL-CHECKOUT-OR-MIRROR (or set PLAYBOOKS_ORIGINAL)" >&2
    exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${PLAYBOOKS_BIN:-$root/.build/debug/playbooks}"
minimum="${PLAYBOOKS_MIN_LOADING:-65}"
if [[ ! -x "$bin" ]]; then
    echo "no playbooks executable at $bin: run swift build first or set PLAYBOOKS_BIN" >&2
    exit 2
fi

work=""
cleanup() { if [[ -n "$work" ]]; then rm -rf "$work"; fi; }
trap cleanup EXIT
if [[ -d "$source_path/examples" || -d "$source_path/tests/data" ]]; then
    tree="$source_path"
elif git --git-dir="$source_path" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    work="$(mktemp -d)"
    git --git-dir="$source_path" archive HEAD examples tests/data | tar -x -C "$work"
    tree="$work"
else
    echo "$source_path is neither a checkout (with examples/ or tests/data/) nor a git mirror" >&2
    exit 2
fi

total=0
loaded=0
failures=()
while IFS= read -r file; do
    total=$((total + 1))
    if output="$(cd "$tree" && "$bin" check "$file" 2>&1 >/dev/null)"; then
        loaded=$((loaded + 1))
    else
        failures+=("$file: ${output#playbooks: }")
    fi
done < <(cd "$tree" && find examples tests/data -name '*.pb' 2>/dev/null | LC_ALL=C sort)

echo "$loaded of $total programs load"
for failure in "${failures[@]+"${failures[@]}"}"; do
    echo "FAIL $failure"
done
[[ "$total" -gt 0 && "$loaded" -ge "$minimum" ]]
