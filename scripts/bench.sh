#!/usr/bin/env bash
# Throughput benchmark on real news: the ECB+ articles (../shared/data/ecbplus) replicated
# COPIES times into a scratch workspace, each copy its own source. Reports MB/s through the
# whole of `crosscheck verify` (cold: no claims yet; warm: re-run, nothing changed;
# incremental: one article added), peak memory, and a baseline measured in the same run
# (one `grep -E` pass over the same files), so the figure is a ratio that holds on a noisy
# machine.
#
#   scripts/bench.sh [COPIES]        (default 25, about 48 MB and 24,500 sources)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-25}"
ws="${BENCH_WORKSPACE:-$(mktemp -d)/bench}"
cargo build --release --quiet
python3 scripts/make-bench-workspace.py "$ws" --copies "$copies"
bytes=$(find "$ws/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')

measure() { # label, command...: prints seconds and peak RSS (KB)
    local label="$1"; shift
    local t
    t=$(mktemp)
    /usr/bin/time -o "$t" -f '%e %M' "$@" >/dev/null 2>&1 || true
    echo "$label $(tail -1 "$t")"
    rm -f "$t"
}

read -r _ g_s g_kb < <(measure grep grep -rEc 'killed|died|ceasefire|[0-9]+ (people|dead)' "$ws/corpus")
read -r _ c_s c_kb < <(measure cold ./target/release/crosscheck verify "$ws" --format json)
read -r _ w_s w_kb < <(measure warm ./target/release/crosscheck verify "$ws" --format json)
mkdir -p "$ws/corpus/zz-new"
printf -- '---\npublished: 2016-05-05\n---\nAt least 30 people were killed in an air strike on a hospital on Wednesday, officials said.\n' > "$ws/corpus/zz-new/one.md"
read -r _ i_s i_kb < <(measure incremental ./target/release/crosscheck verify "$ws" --format json)

rate() { awk -v mb="$mb" -v s="$1" 'BEGIN { if (s <= 0) s = 0.01; printf "%.2f", mb / s }'; }
echo "workspace: $ws ($copies copies, $(find "$ws/corpus" -type f | wc -l) articles, $mb MB)"
printf '%-28s %8s %10s %12s %14s\n' run seconds "MB/s" "peak MB" "x grep time"
for row in "grep -E baseline:$g_s:$g_kb" "verify, cold:$c_s:$c_kb" "verify, warm (no change):$w_s:$w_kb" "verify, one article added:$i_s:$i_kb"; do
    IFS=: read -r label s kb <<<"$row"
    printf '%-28s %8s %10s %12s %14s\n' "$label" "$s" "$(rate "$s")" "$(awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}')" \
        "$(awk -v s="$s" -v g="$g_s" 'BEGIN { if (g <= 0) g = 0.01; printf "%.0f", s / g }')"
done
