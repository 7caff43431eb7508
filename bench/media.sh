#!/usr/bin/env bash
# Photo pipeline benchmark: a generated 12-megapixel JPEG (4000 × 3000) processed to the
# LinkedIn formats. Prints the median time of several runs per format (release build), then the
# peak memory (maximum resident set size) of one run per format under /usr/bin/time -v.
# Budget: ≤ 1 s and ≤ 300 MB for one photo.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -p amtfluencer-media --bench photo

binary=$(cargo bench -p amtfluencer-media --bench photo --no-run --message-format=json 2>/dev/null \
    | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" --write "$work/12mp.jpg"
echo "peak memory of one run (maximum resident set size):"
for format in landscape original; do
    /usr/bin/time -v "$binary" --once "$format" "$work/12mp.jpg" 2> "$work/time.txt"
    grep -E 'Maximum resident set size' "$work/time.txt" | sed "s/^\s*/  $format: /"
done
