#!/usr/bin/env bash
# Pathological sizes of issue 8, in release: wall and CPU time and peak memory of each, at
# a quarter, half and the whole size, so that linearity shows as the ratio between rows
# (twice the input should take about twice the time and no more than twice the memory; the
# `×` column is this row's CPU time over the row before).
#
#   scripts/bad-input-sizes.sh [TIMEOUT_SECONDS] [CASE…]     (default 300 per run, all cases)
#   CROSSCHECK_BIN=/tmp/old-crosscheck scripts/bad-input-sizes.sh …   (that binary, no build)
#
# line     one article of 5 MB on a single line (a news sentence repeated, no line break)
# nostop   one article of 5 MB with no sentence end and no line break at all
# sentence one sentence of 1 MB: no stop, no line break, a speaker and a toll every few words
# repeat   one sentence repeated 100,000 times, one per line (8.3 MB)
# speakers 40,000 sentences, each a different person with a title speaking for a different
#          group (names, titles and parties that never repeat: the attribution lists grow)
# tiny     50,000 tiny files in 100 folders
# wire     one article copied into 400 files (a wire story republished again and again)
# `mentions` runs the extraction alone (sentences and recognisers); `verify` the whole job.
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-300}"
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(line nostop sentence repeat speakers tiny wire)
# CROSSCHECK_BIN=path runs that binary (e.g. an older build, to compare) instead of building.
if [ -n "${CROSSCHECK_BIN:-}" ]; then
    bin="$CROSSCHECK_BIN"
else
    cargo build --release --quiet
    bin="$PWD/target/release/crosscheck"
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sentence='On Tuesday at least 30 people were killed in Aleppo, the Syrian Observatory said. '
prev=""

measure() { # label, command...: wall s, CPU s, peak RSS, CPU ratio to the row before
    local t="$tmp/time" label="$1"
    shift
    if timeout "$limit" /usr/bin/time -o "$t" -f '%e %U %S %M' "$@" >/dev/null 2>"$tmp/err"; then :; fi
    if [ -s "$t" ] && ! grep -q "Command terminated by signal" "$t"; then
        read -r s u y kb < <(tail -1 "$t")
        cpu=$(python3 -c "print(f'{$u + $y:.2f}')")
        ratio=""
        [ -z "$prev" ] || ratio=$(python3 -c "print(f'×{$cpu / max($prev, 0.01):.2f}')")
        printf '%-40s %8s s wall %8s s CPU %7s MB %7s\n' "$label" "$s" "$cpu" "$((kb / 1024))" "$ratio"
        prev="$cpu"
    else
        printf '%-40s   > %s s (stopped)\n' "$label" "$limit"
        prev=""
    fi
}

article() { # folder, size, kind
    mkdir -p "$1/corpus"
    python3 - "$1/corpus/a.md" "$2" "$3" "$sentence" <<'PY'
import sys
path, size, kind, sentence = sys.argv[1], int(float(sys.argv[2])), sys.argv[3], sys.argv[4]
if kind == "line":
    body = sentence * (size // len(sentence))
elif kind == "nostop":
    unit = "at least 30 people were killed in Aleppo and "
    body = unit * (size // len(unit))
elif kind == "sentence":
    unit = "the Syrian Observatory said at least 30 people were killed on Tuesday in Aleppo, and "
    body = unit * (size // len(unit))
elif kind == "speakers":  # `size` sentences
    def name(i, k):
        s = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            s = "abcdefghijklmnopqrstuvwxyz"[r] + s
        return k + s
    body = "".join(
        "%s %s, the spokesman for the %s Brigade, said %d people were killed on Tuesday in %s.\n"
        % (name(i, "Jo").title(), name(i, "Mac").title(), name(i, "Kal").title(), i % 90 + 2, name(i, "Ur").title())
        for i in range(size)
    )
else:  # lines: `size` is the number of sentences
    body = (sentence.strip() + "\n") * size
open(path, "w").write("---\npublished: 2016-05-04\n---\n" + body)
PY
}

for c in "${cases[@]}"; do
    prev=""
    case "$c" in
    line | nostop)
        echo "== $c: 5 MB, one line$([ "$c" = nostop ] && echo ', no sentence end')"
        for mb in 1.25 2.5 5; do
            article "$tmp/$c-$mb" "${mb}e6" "$c"
            measure "mentions, $mb MB" "$bin" mentions "$tmp/$c-$mb/corpus/a.md"
        done
        prev=""
        for mb in 1.25 2.5 5; do
            measure "verify,   $mb MB" "$bin" verify "$tmp/$c-$mb" --format json
        done
        ;;
    sentence)
        echo "== one sentence of 1 MB"
        for mb in 0.25 0.5 1; do
            article "$tmp/$c-$mb" "${mb}e6" "$c"
            measure "mentions, $mb MB" "$bin" mentions "$tmp/$c-$mb/corpus/a.md"
        done
        prev=""
        for mb in 0.25 0.5 1; do
            measure "verify,   $mb MB" "$bin" verify "$tmp/$c-$mb" --format json
        done
        ;;
    repeat)
        echo "== one sentence 100,000 times"
        for n in 25000 50000 100000; do
            article "$tmp/rep-$n" "$n" lines
            measure "mentions, $n sentences" "$bin" mentions "$tmp/rep-$n/corpus/a.md"
        done
        prev=""
        for n in 25000 50000 100000; do
            measure "verify,   $n sentences" "$bin" verify "$tmp/rep-$n" --format json
        done
        ;;
    speakers)
        echo "== 40,000 different speakers with titles"
        for n in 10000 20000 40000; do
            article "$tmp/spk-$n" "$n" speakers
            measure "mentions, $n speakers" "$bin" mentions "$tmp/spk-$n/corpus/a.md"
        done
        prev=""
        for n in 10000 20000 40000; do
            measure "verify,   $n speakers" "$bin" verify "$tmp/spk-$n" --format json
        done
        ;;
    tiny)
        echo "== 50,000 tiny files"
        for n in 12500 25000 50000; do
            python3 - "$tmp/files-$n" "$n" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "corpus", "%02d" % (i % 100))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "%d.md" % i), "w") as f:
        f.write("At least %d people died in Aleppo on Tuesday, police said.\n" % i)
PY
            measure "verify,   $n tiny files" "$bin" verify "$tmp/files-$n" --format json
        done
        ;;
    wire)
        echo "== one wire story in 400 files"
        for n in 100 200 400; do
            mkdir -p "$tmp/wire-$n/corpus"
            for i in $(seq 1 "$n"); do
                # Each copy carries the agency's story and a line of its own outlet's.
                { cat corpus/001_*.md; printf '\nOutlet %s contributed to this report.\n' "$i"; } \
                    >"$tmp/wire-$n/corpus/copy-$i.md"
            done
            measure "verify,   $n copies" "$bin" verify "$tmp/wire-$n" --format json
        done
        ;;
    *) echo "unknown case $c" >&2; exit 2 ;;
    esac
done
