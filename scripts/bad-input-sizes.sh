#!/usr/bin/env bash
# Pathological sizes of issue 8, at full size, in release: time and peak memory of each, at
# a quarter, half and the whole size, so that linearity shows as the ratio between rows
# (twice the input should take about twice the time and no more than twice the memory).
#
#   scripts/bad-input-sizes.sh [TIMEOUT_SECONDS]     (default 300 per run)
#
# 1. one article of 5 MB on a single line (a news sentence repeated, no line break)
# 2. one article of 5 MB with no sentence end and no line break at all
# 3. one sentence repeated 100,000 times, one per line (8.3 MB)
# 4. 50,000 tiny files in 100 folders
# `mentions` runs the extraction alone (sentences and recognisers); `verify` the whole job.
set -euo pipefail
cd "$(dirname "$0")/.."
limit="${1:-300}"
cargo build --release --quiet
bin="$PWD/target/release/crosscheck"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
sentence='On Tuesday at least 30 people were killed in Aleppo, the Syrian Observatory said. '

measure() { # label, command...: seconds and peak RSS
    local t="$tmp/time" label="$1"
    shift
    if timeout "$limit" /usr/bin/time -o "$t" -f '%e %M' "$@" >/dev/null 2>"$tmp/err"; then :; fi
    if [ -s "$t" ] && ! grep -q "Command terminated by signal" "$t"; then
        read -r s kb < <(tail -1 "$t")
        printf '%-44s %8s s %8s MB\n' "$label" "$s" "$((kb / 1024))"
    else
        printf '%-44s   > %s s (stopped)\n' "$label" "$limit"
    fi
}

article() { # folder, bytes, kind
    mkdir -p "$1/corpus"
    python3 - "$1/corpus/a.md" "$2" "$3" "$sentence" <<'PY'
import sys
path, size, kind, sentence = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if kind == "line":
    body = sentence * (size // len(sentence))
elif kind == "nostop":
    unit = "at least 30 people were killed in Aleppo and "
    body = unit * (size // len(unit))
else:  # lines: `size` is the number of sentences
    body = (sentence.strip() + "\n") * size
open(path, "w").write("---\npublished: 2016-05-04\n---\n" + body)
PY
}

echo "== 1. 5 MB on one line"
for mb in 1.25 2.5 5; do
    bytes=$(python3 -c "print(int($mb * 1000000))")
    article "$tmp/line-$mb" "$bytes" line
    measure "mentions, $mb MB one line" "$bin" mentions "$tmp/line-$mb/corpus/a.md"
    measure "verify,   $mb MB one line" "$bin" verify "$tmp/line-$mb" --format json
done
echo "== 2. 5 MB with no sentence end"
for mb in 1.25 2.5 5; do
    bytes=$(python3 -c "print(int($mb * 1000000))")
    article "$tmp/nostop-$mb" "$bytes" nostop
    measure "mentions, $mb MB one sentence" "$bin" mentions "$tmp/nostop-$mb/corpus/a.md"
    measure "verify,   $mb MB one sentence" "$bin" verify "$tmp/nostop-$mb" --format json
done
echo "== 3. one sentence 100,000 times"
for n in 25000 50000 100000; do
    article "$tmp/rep-$n" "$n" lines
    measure "mentions, $n sentences" "$bin" mentions "$tmp/rep-$n/corpus/a.md"
    measure "verify,   $n sentences" "$bin" verify "$tmp/rep-$n" --format json
done
echo "== 4. 50,000 tiny files"
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
