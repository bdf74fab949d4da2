#!/usr/bin/env bash
# Fuzzing: runs each cargo-fuzz target in fuzz/ for SECONDS (default 240) on one core and
# prints a table of executions, time and crashes. Needs the nightly toolchain and cargo-fuzz
# (`cargo install cargo-fuzz`). Not part of CI: the fuzz crate is its own workspace and
# `cargo test` never builds it.
#
#   scripts/fuzz.sh [SECONDS] [TARGET…]
#
# Seeds come from the repository at run time (nothing big is committed): the demo articles,
# the recognisers' example sentences, the committed claims files and a review file. Crashes
# (and inputs slower than 10 s: timeouts) land in fuzz/artifacts/<target>/; turn each into a
# regression test in tests/bad_input.rs. FUZZ_NO_BUILD=1 runs the binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-240}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(front_matter claims_yaml review_yaml sentences time duration quantity speaker entity_event extract pipeline)
fi
seed() { # target dir
    local dir="fuzz/corpus/$1"
    mkdir -p "$dir"
    case "$1" in
        claims_yaml) cp claims/*.yaml "$dir/" ;;
        pipeline)
            # Articles alone, in pairs, and a copy with a line of its own (wire copies).
            python3 - "$dir" corpus/*.md <<'PY'
import itertools, os, sys
d, paths = sys.argv[1], sys.argv[2:]
bodies = [open(p, "rb").read().split(b"\n---\n", 1)[-1] for p in paths]
seeds = [b"\x01" + b for b in bodies]
seeds += [b"\x01" + a + b"\n%%\n\x13" + b for a, b in itertools.permutations(bodies, 2)]
seeds += [b"\x03" + b + b"\n%%\n\x05Reuters contributed.\n" for b in bodies]
for i, s in enumerate(seeds):
    open(os.path.join(d, "seed-%03d" % i), "wb").write(s)
PY
            ;;
        review_yaml)
            printf 'acknowledged:\n  - finding: conflict-8454c5773d\n    note: reviewed\n' >"$dir/review.yaml" ;;
        *)
            cp corpus/*.md "$dir/"
            # One seed per example sentence of the recognisers.
            grep -ho 'text: "[^"]*"' src/mentions/examples/*.yaml | sed 's/^text: "//; s/"$//' |
                awk -v d="$dir" '{ f = sprintf("%s/example-%04d", d, NR); printf "%s", $0 > f; close(f) }'
            ;;
    esac
}
# Build once, then run the binaries themselves, so that editing the crate while the
# fuzzers run does not rebuild it between targets.
[ -n "${FUZZ_NO_BUILD:-}" ] || cargo +nightly fuzz build -s none -a >/dev/null 2>&1
bindir="fuzz/target/$(rustc -vV | sed -n 's/^host: //p')/release"
printf '%-14s %12s %8s %10s %8s\n' target executions seconds exec/s crashes
for t in "${targets[@]}"; do
    seed "$t"
    log="fuzz/artifacts/$t.log"
    mkdir -p fuzz/artifacts
    set +e
    mkdir -p "fuzz/artifacts/$t"
    "$bindir/$t" -artifact_prefix="fuzz/artifacts/$t/" -max_total_time="$secs" -max_len=4096 -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 "fuzz/corpus/$t" >"$log" 2>&1
    set -e
    # A crash stops the fuzzer before its "Done" line: the table still gets its row.
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)
    took=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' | tail -1 || true)
    crashes=$(find "fuzz/artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | wc -l)
    took="${took:-$secs}"
    printf '%-14s %12s %8s %10s %8s\n' "$t" "${runs:-?}" "$took" "$(( ${runs:-0} / (took > 0 ? took : 1) ))" "$crashes"
done
