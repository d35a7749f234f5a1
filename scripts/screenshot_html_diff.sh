#!/usr/bin/env bash
# Render `unspin diff --html` of the seed in headless Chromium and save a screenshot, to look at.
# usage: bash scripts/screenshot_html_diff.sh [out.png]   (needs Debian's chromium package)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-bench/out/html-diff.png}
mkdir -p "$(dirname "$out")"
page=$(mktemp --suffix=.html)
PYTHONPATH=src python3 -m unspin diff -q --html "$page" seeds/kremlin-iran-spun.txt > /dev/null || true
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --hide-scrollbars \
  --window-size=1400,1600 --screenshot="$out" "file://$page" 2>/dev/null
echo "$out"
