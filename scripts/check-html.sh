#!/usr/bin/env bash
# Checks reports/report.html in a real browser (headless Debian chromium): builds a workspace
# from the demo corpus plus one hostile article (script tags and event handlers in its title
# and body), runs `crosscheck verify` on it, lets chromium parse the page, and checks the DOM
# the browser built: no script element, no element with an event handler, the hostile text
# shown as text, the conflict with both versions side by side and the differing words marked,
# the timeline and the claim graph drawn as SVG. It also saves a screenshot for a person to
# look at (default target/report-check/report.png).
#
# Usage: scripts/check-html.sh [CROSSCHECK_BINARY] [SCREENSHOT.png]
# Installs chromium with apt-get when it is missing; when that is impossible it says so and
# exits 0 (skipped), so a machine without a browser does not fail CI for want of one.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/release/crosscheck}"
shot="${2:-target/report-check/report.png}"
[ -x "$bin" ] || { echo "check-html: no binary at $bin (run cargo build --release)" >&2; exit 2; }

find_browser() {
    for b in chromium chromium-browser google-chrome; do
        if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
    done
    return 1
}

browser="$(find_browser || true)"
if [ -z "$browser" ]; then
    echo "check-html: chromium not found; installing it with apt-get"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd="sudo -n"; fi
    fi
    if [ "$(id -u)" -eq 0 ] || [ -n "$sudo_cmd" ]; then
        export DEBIAN_FRONTEND=noninteractive
        $sudo_cmd apt-get update -qq >/dev/null 2>&1 || true
        $sudo_cmd apt-get install -y -qq chromium >/dev/null 2>&1 || true
    fi
    browser="$(find_browser || true)"
fi
if [ -z "$browser" ]; then
    echo "check-html: SKIPPED: no chromium and it cannot be installed here (need apt-get as root or sudo)"
    exit 0
fi

ws="$(mktemp -d)"
trap 'rm -rf "$ws"' EXIT
mkdir -p "$ws/corpus"
cp corpus/*.md "$ws/corpus/"
cat >"$ws/corpus/zz-hostile.md" <<'EOF'
---
title: <script>document.title="pwned-title"</script> Hostile "title"
outlet: Evil <img src=x onerror="document.title='pwned-img'"> Press
published: 2016-05-04
---
<script>document.title="pwned-body"</script> The ceasefire took effect on Wednesday, officials said.

The army said the <b onmouseover="alert(1)">ceasefire</b> would start on Thursday. <svg onload="document.title='pwned-svg'"></svg>
EOF
set +e
"$bin" verify "$ws" --format json >/dev/null
status=$?
set -e
if [ "$status" -eq 2 ]; then
    echo "check-html: verify failed on the check workspace" >&2
    exit 1
fi
page="$ws/reports/report.html"

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
    --user-data-dir="$ws/profile" --virtual-time-budget=3000)
dom="$ws/dom.html"
"$browser" "${flags[@]}" --dump-dom "file://$page" >"$dom" 2>"$ws/browser.log" || {
    echo "check-html: chromium could not load the page" >&2
    tail -5 "$ws/browser.log" >&2
    exit 1
}

fail=0
check() { # description, command...
    local what="$1"
    shift
    if "$@"; then echo "  ok: $what"; else echo "  FAIL: $what" >&2; fail=1; fi
}
has() { grep -q -- "$1" "$dom"; }
lacks() { ! grep -qi -- "$1" "$dom"; }
# Inside a tag (a real "<", not the "&lt;" of escaped text) no attribute named on….
no_handlers() { ! grep -Eqi '<[a-z][^<>]*[[:space:]]on[a-z]+=' "$dom"; }
count_at_least() { [ "$(grep -o -- "$1" "$dom" | wc -l)" -ge "$2" ]; }

echo "check-html: $browser parsed $(wc -c <"$dom") bytes of DOM from report.html"
check "the browser built a page" has '<h1>crosscheck report</h1>'
check "no script element in the DOM" lacks '<script'
check "no img element (hostile markup stayed text)" lacks '<img'
check "no event handler attribute on any element" no_handlers
check "no script ran (title unchanged)" has '<title>crosscheck report</title>'
check "hostile title shown as text" has '&lt;script&gt;document.title="pwned-title"&lt;/script&gt;'
check "hostile outlet shown as text" has 'Evil &lt;img src=x'
check "a conflict is shown" has 'class="finding conflict"'
check "its versions side by side" count_at_least 'class="version"' 2
check "differing words marked" has '<mark class="diff">'
check "timeline drawn" has '<svg[^>]*class="timeline"'
check "claim graph drawn" has '<svg[^>]*class="graph"'
check "conflict arc in the graph" has 'class="e conflict"'

mkdir -p "$(dirname "$shot")"
"$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$shot" "file://$page" >/dev/null 2>>"$ws/browser.log" || true
if [ -s "$shot" ] && [ "$(wc -c <"$shot")" -gt 20000 ]; then
    echo "  ok: screenshot saved to $shot ($(wc -c <"$shot") bytes)"
else
    echo "  FAIL: no screenshot" >&2
    fail=1
fi
if [ "$fail" -ne 0 ]; then
    echo "check-html: FAILED" >&2
    exit 1
fi
echo "check-html: passed"
