#!/usr/bin/env bash
# Fuzzes every parser of outside bytes with libFuzzer for a bounded time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default 60 s, every target)
#
# Builds the `triage-fuzz` product with -sanitize=fuzzer in its own scratch path (.build-fuzz), so the
# normal `swift build` / `swift test` are untouched. scripts/test.sh (and so CI) runs it first, 60 s a
# target. Seeds come from the test fixtures, ../shared/runbooks (beside the clone) and docs/CONFIG.md;
# the grown corpus stays in .build-fuzz/corpus/TARGET. A crashing input is written to
# fuzz-crashes/TARGET-crash-… and the script exits non-zero once every target has run. Replay one
# with a plain build:
#   swift build --product triage-fuzz && .build/debug/triage-fuzz TARGET fuzz-crashes/TARGET-crash-…
set -uo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
all_targets=(runbook config docker-ps docker-inspect docker-stats kube-pods kube-watch kube-nodes kube-events curl sanitizer keys)
[ "$#" -gt 0 ] && targets=("$@") || targets=("${all_targets[@]}")

# TRIAGE_FUZZ_SEED fixes libFuzzer's random seed (scripts/test.sh sets 1, so CI's run is the one
# tried before committing, only longer on a faster machine); unset, every run explores anew.
seed_flag=()
[ -n "${TRIAGE_FUZZ_SEED:-}" ] && seed_flag=(-seed="$TRIAGE_FUZZ_SEED")
export LANG="${LANG:-C.UTF-8}"
scratch=.build-fuzz
# lld, because gold stops with an internal error on the fuzzer runtime's `main`, which triage-fuzz
# replaces with its own (SwiftPM links an executable's module entry point as `main`; see FuzzEntry.swift).
swift build --product triage-fuzz -c release --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld || { echo "fuzz.sh: build failed" >&2; exit 2; }
binary="$scratch/release/triage-fuzz"
crashes=fuzz-crashes
mkdir -p "$crashes"

fixtures=Tests/TriageProbesTests/Fixtures
# Seed files for one target, one input each.
seed() {
    local target="$1" dir="$scratch/seeds/$1"
    rm -rf "$dir"; mkdir -p "$dir"
    case "$target" in
    runbook) cp Tests/TriageRunbookTests/Fixtures/*.md "$dir"/; cp ../shared/runbooks/*.md "$dir"/ 2>/dev/null || true ;;
    config)
        cp themes/*.yaml "$dir"/
        awk '/^```yaml$/{on=1; n++; next} /^```$/{on=0} on{print > "'"$dir"'/config-md-" n ".yaml"}' docs/CONFIG.md ;;
    docker-ps) cp "$fixtures"/docker-ps-*.jsonl "$dir"/ ;;
    docker-inspect) cp "$fixtures"/docker-inspect-*.json "$dir"/ ;;
    docker-stats) cp "$fixtures"/docker-stats-*.txt "$dir"/ ;;
    kube-pods) cp "$fixtures"/kubectl-pods-*.json "$dir"/ ;;
    kube-watch) split -l 1 "$fixtures"/kubectl-watch-shop.jsonl "$dir"/watch- ;;
    kube-nodes) cp "$fixtures"/kubectl-nodes.json "$dir"/ ;;
    kube-events) cp "$fixtures"/kubectl-events-warning.json "$dir"/ ;;
    curl) cp "$fixtures"/curl-*.txt "$dir"/ ;;
    sanitizer)
        # Two leading bytes pick the line cap and the chunking (see SanitizerProperty).
        for f in "$fixtures"/docker-stats-stream.txt "$fixtures"/kubectl-error-refused.txt; do
            { printf '\x00\x05'; head -c 4000 "$f"; } > "$dir/$(basename "$f")"
        done
        printf '\x00\x03plain \x1b[31mred\x1b[0m \x1b]0;title\x07 tab\there \xe2\x80\xae rlo \xc2\x9b2J \xff\xfe\r\nnext\rline\x7f\n' > "$dir/escapes" ;;
    keys)
        printf '\x71\x00\x00\x00\x00\x02\x01\x00\x00\x01\x1b\x00\x00\x00\x00\x41\x00\x00\x00\x01' > "$dir/keys"
        # A paste (flag bits 1-2: start 01, end 10) holding x, CR LF, Escape and y; then one cut off
        # (flag bit 3: 2 s pass before the record) and a key after it.
        printf '\x00\x00\x00\x00\x02\x78\x00\x00\x00\x00\x0d\x00\x00\x00\x00\x0a\x00\x00\x00\x00\x1b\x00\x00\x00\x00\x79\x00\x00\x00\x00\x00\x00\x00\x00\x04\x00\x00\x00\x00\x02\x61\x00\x00\x00\x00\x79\x00\x00\x00\x08' > "$dir/paste" ;;
    esac
    echo "$dir"
}

failed=()
summary=()
for target in "${targets[@]}"; do
    seeds=$(seed "$target")
    corpus="$scratch/corpus/$target"
    mkdir -p "$corpus"
    log="$scratch/fuzz-$target.log"
    echo "== $target: ${seconds}s"
    TRIAGE_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no "$binary" "$corpus" "$seeds" \
        -dict=scripts/fuzz.dict -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
        -artifact_prefix="$crashes/$target-" -print_final_stats=1 "${seed_flag[@]}" > "$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    [ -z "$runs" ] && runs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#')
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        summary+=("$target: CRASH after ${runs:-?} executions (see $log, $crashes/$target-*)")
        grep -m1 -E 'Fatal error|ERROR: libFuzzer|Precondition failed|==ERROR' "$log" | sed 's/^/   /'
    else
        summary+=("$target: ${runs:-?} executions, no crash")
    fi
    echo "   ${summary[-1]}"
done

echo
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]}" >&2
    exit 1
fi
