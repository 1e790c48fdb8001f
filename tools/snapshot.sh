#!/usr/bin/env bash
# Writes the tool's JSON Lines output for every document of the reference sets into one folder,
# one file a set, so that two checkouts can be compared byte for byte:
#   tools/snapshot.sh /tmp/before && (change...) && tools/snapshot.sh /tmp/after && diff -r /tmp/before /tmp/after
# Run from the project root with ../shared beside it.
set -euo pipefail
out=${1:?usage: tools/snapshot.sh OUTDIR}
mkdir -p "$out"
run() { python3 -m lianhuan_extract -q -j 1 -f jsonl "$2" > "$out/$1.jsonl"; }
run samples samples/
run dev ../shared/eval/dev/texts/
run dev2 ../shared/eval/dev2/texts/
for d in tests/fresh*/; do run "$(basename "$d")" "$d/texts/"; done
wc -l "$out"/*.jsonl | tail -1
