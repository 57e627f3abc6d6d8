# Shared by the benchmark scripts (sourced, not run): their common arguments and the release binary.
#
#   parse_bench_args NAME "$@"   sets $bin (from --binary PATH) and the array bench_args (what follows --);
#                                -h/--help prints the calling script's header comment (lines 2..$help_lines)
#   ensure_release_binary NAME   builds into .build-release when no --binary was given; makes $bin absolute
#                                and sets $bench_bin to the `playbooks-bench` executable beside it

parse_bench_args() {
    local name="$1"
    shift
    bin=""
    bench_args=()
    while (($#)); do
        case "$1" in
            --binary) bin="$2"; shift 2 ;;
            --binary=*) bin="${1#--binary=}"; shift ;;
            --) shift; bench_args=("$@"); break ;;
            -h | --help) sed -n "2,${help_lines}p" "$0"; exit 0 ;;
            *) echo "$name: unknown argument '$1' (arguments for the benchmark command go after --)" >&2; exit 2 ;;
        esac
    done
    [ -n "${EPOCHREALTIME:-}" ] || { echo "$name: needs bash 5 (EPOCHREALTIME)" >&2; exit 1; }
}

ensure_release_binary() {
    local name="$1"
    if [ -z "$bin" ]; then
        echo "building release (swift build -c release --scratch-path .build-release) ..." >&2
        swift build -c release --scratch-path .build-release >&2
        bin="$root/.build-release/release/playbooks"
    fi
    [ -x "$bin" ] || { echo "$name: no executable at $bin" >&2; exit 1; }
    bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
    bench_bin="$(dirname "$bin")/playbooks-bench"
    [ -x "$bench_bin" ] || { echo "$name: no playbooks-bench executable beside $bin" >&2; exit 1; }
}
