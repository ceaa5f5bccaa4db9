#!/usr/bin/env bash
# CSV readers on MTSamples ×100 (issue #15): records/s and the line each reader gives for a record.
# The ×100 file is built in a temporary folder (never in the repository) from ../shared/data/mtsamples.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${MTSAMPLES:-../shared/data/mtsamples/mtsamples_sample.csv}
tmp=${TMPDIR:-/tmp}/atm-csvbench
mkdir -p "$tmp"
big="$tmp/mtsamples_x100.csv"
if [ ! -s "$big" ]; then
  head -n 1 "$src" > "$big"
  body=$(mktemp "$tmp/body.XXXXXX")
  tail -n +2 "$src" > "$body"
  for _ in $(seq 100); do cat "$body" >> "$big"; done
  rm -f "$body"
fi
dotnet run --project bench/CsvBench -c Release -- "$big" "${ROUNDS:-3}"
