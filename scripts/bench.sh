#!/usr/bin/env bash
# Throughput benchmark on real news: the ECB+ articles (../shared/data/ecbplus) replicated
# COPIES times into a scratch workspace, each copy its own source. Reports MB/s through the
# whole of `crosscheck verify` (cold: no claims yet; warm: re-run, nothing changed;
# incremental: one article added), peak memory, and a baseline measured in the same run
# (one `grep -E` pass over the same files), so the figure is a ratio that holds on a noisy
# machine. "cpu s" is user+sys time: on a machine shared with other work it moves less than
# wall time. Each verify run's stage timings (CROSSCHECK_TIMINGS=1) go to bench-timings.log
# beside the workspace.
#
# Two workspaces are measured: "replicated" (the copies are byte-identical, as wire copies
# often are, so content-addressed extraction extracts each article once) and "distinct"
# (make-bench-workspace.py --distinct: every copy has its own publication date and one
# altered number, so nothing can be reused). Report both.
#
# On ext4, creating files soon (about a minute) after deleting many is slow: the inode
# allocator skips recently freed inodes and reads their tables to find them. Re-running
# with one BENCH_WORKSPACE deletes the last run's ~50,000 files first, and a cold run's
# claims files then cost several times more (ext4 `recently_deleted` was 40% of a profile).
# The default, a new temporary folder, deletes nothing; compare like with like.
#
#   scripts/bench.sh [COPIES] [replicated|distinct|both]   (default 25 both: ~48 MB, 24,550 sources each)
#   BENCH_BIN=path/to/crosscheck scripts/bench.sh …        (measure another build, e.g. an older one)
set -euo pipefail
cd "$(dirname "$0")/.."
copies="${1:-25}"
which="${2:-both}"
root="${BENCH_WORKSPACE:-$(mktemp -d)}"
bin="${BENCH_BIN:-./target/release/crosscheck}"
if [ -z "${BENCH_BIN:-}" ]; then cargo build --release --quiet; fi

measure() { # label, command...: prints wall seconds, peak RSS (KB) and CPU seconds (user+sys)
    local label="$1"; shift
    local t
    t=$(mktemp)
    /usr/bin/time -o "$t" -f '%e %M %U %S' "$@" >/dev/null 2>>"$log" || true
    read -r e m u s < <(tail -1 "$t")
    echo "$label $e $m $(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')"
    rm -f "$t"
}
export CROSSCHECK_TIMINGS=1

bench() { # kind (replicated | distinct)
    local kind="$1" ws="$root/$1"
    local flag=""
    [ "$kind" = distinct ] && flag="--distinct"
    python3 scripts/make-bench-workspace.py "$ws" --copies "$copies" $flag >/dev/null
    local bytes mb
    bytes=$(find "$ws/corpus" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
    mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
    # Stage timings of every verify run (CROSSCHECK_TIMINGS) go to this log.
    log="$root/bench-timings-$kind.log"
    : >"$log"
    read -r _ g_s g_kb g_cpu < <(measure grep grep -rEc 'killed|died|ceasefire|[0-9]+ (people|dead)' "$ws/corpus")
    echo "== cold" >>"$log"
    read -r _ c_s c_kb c_cpu < <(measure cold "$bin" verify "$ws" --format json)
    echo "== warm" >>"$log"
    read -r _ w_s w_kb w_cpu < <(measure warm "$bin" verify "$ws" --format json)
    mkdir -p "$ws/corpus/zz-new"
    printf -- '---\npublished: 2016-05-05\n---\nAt least 30 people were killed in an air strike on a hospital on Wednesday, officials said.\n' > "$ws/corpus/zz-new/one.md"
    echo "== one article added" >>"$log"
    read -r _ i_s i_kb i_cpu < <(measure incremental "$bin" verify "$ws" --format json)

    rate() { awk -v mb="$mb" -v s="$1" 'BEGIN { if (s <= 0) s = 0.01; printf "%.2f", mb / s }'; }
    echo "workspace: $ws ($kind, $copies copies, $(find "$ws/corpus" -type f | wc -l) articles, $mb MB)"
    printf '%-38s %8s %10s %12s %14s %8s\n' run seconds "MB/s" "peak MB" "x grep time" "cpu s"
    for row in "grep -E baseline:$g_s:$g_kb:$g_cpu" "verify, cold:$c_s:$c_kb:$c_cpu" "verify, warm (no change):$w_s:$w_kb:$w_cpu" "verify, one article added:$i_s:$i_kb:$i_cpu"; do
        IFS=: read -r label s kb cpu <<<"$row"
        printf '%-38s %8s %10s %12s %14s %8s\n' "$label ($kind)" "$s" "$(rate "$s")" "$(awk -v k="$kb" 'BEGIN {printf "%.0f", k / 1024}')" \
            "$(awk -v s="$s" -v g="$g_s" 'BEGIN { if (g <= 0) g = 0.01; printf "%.1f", s / g }')" "$cpu"
    done
    echo "load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; stage timings in $log"
}
case "$which" in
    replicated | distinct) bench "$which" ;;
    both) bench replicated; bench distinct ;;
    *) echo "usage: scripts/bench.sh [COPIES] [replicated|distinct|both]" >&2; exit 2 ;;
esac
