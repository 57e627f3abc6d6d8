#!/usr/bin/env bash
# Builds and runs one libFuzzer target (see Fuzz/README.md).
#
#   scripts/fuzz.sh TARGET [SECONDS]
#   TARGET: snapshot | compiler | statements          (the language core)
#           journal | rows                              (the stores' record decoders)
#           sse                                         (the LLM providers' stream decoders)
#           program | config | awaitrecord              (.pb files, playbooks.toml, journal payloads)
#
# The language library, its checksum module and BigInt are compiled with swiftc directly (whole module, coverage and
# address sanitizer instrumentation) into .build/fuzz/, rebuilt only when a source is newer than
# the object. The targets of the other modules need SwiftPM's debug build (`swift build` or `swift test` first, as CI
# does): each module under test (PlaybooksDurability, PlaybooksLLM, PlaybooksRuntime) is compiled again, instrumented,
# with the flags that build used (scripts/swiftpm-module-flags.py), and linked with that build's objects of the
# dependencies (GRDB, NIO, TOMLKit, swift-crypto ...), which are not instrumented and not rebuilt.
# The run keeps its growing corpus in .build/fuzz/corpus/TARGET, starts from the
# committed seeds in Fuzz/Corpus/TARGET, and writes crashing inputs to .build/fuzz/crashes/.
# Environment: FUZZ_OUT (default .build/fuzz), SWIFTC (default: swiftc on PATH, else /opt/swift/usr/bin/swiftc), FUZZ_OPT
# (default -O), FUZZ_JOBS (libFuzzer -fork processes, default 1), FUZZ_ARGS (extra libFuzzer flags).
# Leak detection is off: a Python heap with reference cycles (a function in the globals it
# refers to) is never freed, by design (the VM has no cycle collector).
set -euo pipefail

target="${1:-}"
seconds="${2:-60}"
# modules: the package's modules the target links, compiled here with instrumentation, in dependency order.
case "$target" in
snapshot) entry=SnapshotTarget.swift modules=() ;;
compiler) entry=CompilerTarget.swift modules=() ;;
statements) entry=StatementQueueTarget.swift modules=() ;;
journal) entry=JournalTarget.swift modules=(PlaybooksDurability) ;;
rows) entry=RowsTarget.swift modules=(PlaybooksDurability) ;;
sse) entry=StreamDecoderTarget.swift modules=(PlaybooksLLM) ;;
program) entry=ProgramTarget.swift modules=(PlaybooksDurability PlaybooksLLM PlaybooksRuntime) ;;
config) entry=ConfigurationTarget.swift modules=(PlaybooksDurability PlaybooksLLM PlaybooksRuntime) ;;
awaitrecord) entry=AwaitRecordTarget.swift modules=(PlaybooksDurability PlaybooksLLM PlaybooksRuntime) ;;
*)
    echo "usage: $0 snapshot|compiler|statements|journal|rows|sse|program|config|awaitrecord [SECONDS]" >&2
    exit 2
    ;;
esac

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${FUZZ_OUT:-$root/.build/fuzz}"
mkdir -p "$out/corpus/$target" "$out/crashes"
swiftc="${SWIFTC:-$(command -v swiftc || echo /opt/swift/usr/bin/swiftc)}"
opt="${FUZZ_OPT:--O}"
flags=(-parse-as-library -sanitize=fuzzer,address "$opt" -g -swift-version 6)

bigint="$root/.build/checkouts/BigInt/Sources"
if [ ! -d "$bigint" ]; then (cd "$root" && swift package resolve >/dev/null); fi

# newer_than OBJECT FILES...: whether OBJECT is missing or older than any of FILES.
newer_than() {
    local object="$1"
    shift
    [ ! -f "$object" ] && return 0
    for f in "$@"; do [ "$f" -nt "$object" ] && return 0; done
    return 1
}

mapfile -t bigint_sources < <(find "$bigint" -name '*.swift' | sort)
if newer_than "$out/BigInt.o" "${bigint_sources[@]}"; then
    echo "building BigInt..." >&2
    "$swiftc" "${flags[@]}" -swift-version 5 -wmo -module-name BigInt -emit-module -emit-module-path "$out/BigInt.swiftmodule" \
        -c "${bigint_sources[@]}" -o "$out/BigInt.o" 2>&1 | grep -v "warning:" >&2 || true
fi
mapfile -t checksum_sources < <(find "$root/Sources/PlaybooksChecksum" -name '*.swift' | sort)
if newer_than "$out/PlaybooksChecksum.o" "${checksum_sources[@]}"; then
    "$swiftc" "${flags[@]}" -wmo -module-name PlaybooksChecksum -emit-module -emit-module-path "$out/PlaybooksChecksum.swiftmodule" \
        -c "${checksum_sources[@]}" -o "$out/PlaybooksChecksum.o"
fi
mapfile -t language_sources < <(find "$root/Sources/PlaybooksLanguage" -name '*.swift' | sort)
needs_language=yes
[ ${#modules[@]} -gt 0 ] && [ "${modules[-1]}" != PlaybooksRuntime ] && needs_language=no
if [ "$needs_language" = yes ] && newer_than "$out/PlaybooksLanguage.o" "${language_sources[@]}" "$out/BigInt.o" "$out/PlaybooksChecksum.o"; then
    echo "building PlaybooksLanguage (several minutes)..." >&2
    "$swiftc" "${flags[@]}" -wmo -enable-testing -enforce-exclusivity=unchecked -module-name PlaybooksLanguage -I "$out" \
        -emit-module -emit-module-path "$out/PlaybooksLanguage.swiftmodule" -c "${language_sources[@]}" \
        -o "$out/PlaybooksLanguage.o"
fi
binary="$out/fuzz-$target"
if [ ${#modules[@]} -eq 0 ]; then
    if newer_than "$binary" "$root/Fuzz/Targets/$entry" "$root/Fuzz/Targets/FuzzDriver.swift" "$root/Fuzz/Targets/FuzzCuts.swift" \
        "$out/PlaybooksLanguage.o"; then
        echo "linking $target..." >&2
        extra=("$root/Fuzz/Targets/FuzzCuts.swift")
        [ "$target" != statements ] && extra+=("$root/Fuzz/Targets/FuzzDriver.swift")
        "$swiftc" "${flags[@]}" -I "$out" -module-name Fuzz"$target" "$root/Fuzz/Targets/$entry" "${extra[@]}" \
            "$out/PlaybooksLanguage.o" "$out/PlaybooksChecksum.o" "$out/BigInt.o" -o "$binary" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
    fi
else
    debug="$root/.build/debug"
    manifest="$root/.build/debug.yaml"
    link_list="$debug/playbooks.product/Objects.LinkFileList"
    if [ ! -f "$link_list" ] || [ ! -f "$manifest" ]; then
        echo "building the SwiftPM debug build the $target target links against..." >&2
        (cd "$root" && swift build --product playbooks >&2)
    fi
    objects=("$out/PlaybooksChecksum.o")
    [ "${modules[-1]}" = PlaybooksRuntime ] && objects+=("$out/BigInt.o" "$out/PlaybooksLanguage.o")
    for module in "${modules[@]}"; do
        mapfile -t module_flags < <(python3 "$root/scripts/swiftpm-module-flags.py" "$manifest" "$module" flags)
        mapfile -t module_sources < <(python3 "$root/scripts/swiftpm-module-flags.py" "$manifest" "$module" sources |
            sed "s#^.*/Sources/$module/#$root/Sources/$module/#")
        if newer_than "$out/$module.o" "${module_sources[@]}" "${objects[@]}"; then
            echo "building $module..." >&2
            "$swiftc" -I "$out" "${module_flags[@]}" -sanitize=fuzzer,address "$opt" -g -wmo -module-name "$module" \
                -emit-module -emit-module-path "$out/$module.swiftmodule" -c "${module_sources[@]}" -o "$out/$module.o" 2>&1 |
                grep -v "warning:" >&2 || true
        fi
        objects+=("$out/$module.o")
    done
    if newer_than "$binary" "$root/Fuzz/Targets/$entry" "$root/Fuzz/Targets/FuzzInput.swift" "$root/Fuzz/Targets/FuzzCuts.swift" \
        "${objects[@]}" "$link_list"; then
        echo "linking $target..." >&2
        # SwiftPM's objects of every dependency, without the package's own modules (instrumented above).
        grep -v -E '/(Playbooks[A-Za-z]*|playbooks|BigInt)\.build/' "$link_list" >"$out/dependencies-$target.txt"
        "$swiftc" -I "$out" "${module_flags[@]}" -sanitize=fuzzer,address "$opt" -g -module-name Fuzz"$target" \
            "$root/Fuzz/Targets/$entry" "$root/Fuzz/Targets/FuzzInput.swift" "$root/Fuzz/Targets/FuzzCuts.swift" "${objects[@]}" \
            @"$out/dependencies-$target.txt" \
            -lstdc++ -lm -lz -o "$binary" 2>&1 | grep -v -E "Cannot export local symbol|warning:" >&2 || true
    fi
fi

seeds=()
[ -d "$root/Fuzz/Corpus/$target" ] && seeds=("$root/Fuzz/Corpus/$target")
dictionary=()
[ -f "$root/Fuzz/Corpus/$target.dict" ] && dictionary=(-dict="$root/Fuzz/Corpus/$target.dict")
jobs="${FUZZ_JOBS:-1}"
# (Not the -detect_leaks flag: fork mode does not pass it on to the processes it starts.)
export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
# Fork mode: the run goes on past a timeout or an out-of-memory input (both are saved to the
# crashes folder and reported at the end); it stops at the first crash.
# shellcheck disable=SC2086
exec "$binary" "$out/corpus/$target" "${seeds[@]}" -fork="$jobs" -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=8192 -detect_leaks=0 \
    -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 "${dictionary[@]}" ${FUZZ_ARGS:-}
