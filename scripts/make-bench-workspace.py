#!/usr/bin/env python3
"""Builds a benchmark workspace from the ECB+ articles in ../shared/data/ecbplus.

Each of the 982 real articles is written `--copies` times, each copy its own source
(`corpus/c<k>/<cluster>/<doc>.md`), so the workspace holds real news text at any size.
The data stays outside the repository; the workspace goes wherever you point it.

By default the copies are byte-identical, as wire copies of one story often are, so
`verify`'s content-addressed extraction extracts each article once. `--distinct` makes every
copy differ, so that nothing can be reused: copy k gets front matter with its own
publication date (2016-01-01 plus k days) and its first number raised by k (a sentence
"Copy k." is appended when it holds no number). Report both figures.

    python3 scripts/make-bench-workspace.py /tmp/bench --copies 25 [--distinct]
"""
import argparse
import datetime
import json
import os
import re
import shutil


def perturbed(text, k):
    """Copy k of an article, different from every other copy in its bytes and its claims."""
    day = datetime.date(2016, 1, 1) + datetime.timedelta(days=k)
    m = re.search(r"[0-9]+", text)
    if m:
        body = text[: m.start()] + str(int(m.group()) + k) + text[m.end() :]
    else:
        body = text.rstrip("\n") + f" Copy {k}.\n"
    return f"---\npublished: {day.isoformat()}\n---\n{body}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workspace")
    ap.add_argument("--copies", type=int, default=25)
    ap.add_argument("--distinct", action="store_true", help="make every copy differ (no reuse possible)")
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ecbplus", "ecbplus_clusters.jsonl"))
    a = ap.parse_args()
    corpus = os.path.join(a.workspace, "corpus")
    if os.path.exists(a.workspace):
        shutil.rmtree(a.workspace)
    os.makedirs(corpus)
    total = files = 0
    with open(a.data, encoding="utf-8") as f:
        clusters = [json.loads(line) for line in f if line.strip()]
    for k in range(a.copies):
        for c in clusters:
            d = os.path.join(corpus, f"c{k:03d}", str(c["cluster_id"]))
            os.makedirs(d, exist_ok=True)
            for doc in c["docs"]:
                name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc["doc_name"])
                text = perturbed(doc["text"], k) if a.distinct else doc["text"]
                body = text.encode("utf-8")
                with open(os.path.join(d, name + ".md"), "wb") as out:
                    out.write(body)
                total += len(body)
                files += 1
    kind = "distinct copies" if a.distinct else "byte-identical copies"
    print(f"{files} articles ({kind}), {total / 1e6:.1f} MB of text in {corpus}")


if __name__ == "__main__":
    main()
