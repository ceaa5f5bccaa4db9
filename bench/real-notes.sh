#!/usr/bin/env bash
# Real-notes measurement of a chemical-disease model (issue 16; docs/BENCHMARKS.md, "Real notes").
#   (a) ADE-Corpus-V2 DRUG-AE.rel sentences (case reports): Drug -> Chemical, AdverseEffect -> Disease, strict P/R/F1
#   (b) NegEx kit (Annotations-1-120.txt): each row's condition as a gold Disease, recall (all rows, and the
#       "disease rows": without normal-exam statements, states, habits and procedures; bench/real-notes.py NOT_DISEASE)
#       and, for the test part, recall split by a model-blind sheet of which rows hold a BC5CDR-markable mention
#   (c) the 50 most frequent predicted surfaces per label on the 500 MTSamples notes
#   (d) a seeded audit sample of AUDIT_N predictions per label from the test part of MTSamples + PMC-Patients:
#       $OUT/audit.tsv and $OUT/audit.html (judge each row, then: python3 bench/real-notes.py precision SHEET)
# Every set is split into dev and test by document (sha256 of SEED and the document id); settings are
# chosen on dev, test is what docs/BENCHMARKS.md reports.
# Usage: bash bench/real-notes.sh                      (from anywhere; ~4 min on 2 shared cores after the build)
#        MODEL=/tmp/qs/model.zip OUT=bench/out/real-notes SEED=16 AUDIT_N=160 PARTS="dev test" bash bench/real-notes.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -z "${SHARED:-}" ]; then
  d="$ROOT"; while [ "$d" != "/" ] && [ ! -d "$d/shared/data" ]; do d="$(dirname "$d")"; done
  SHARED="$d/shared/data"
fi
MODEL="${MODEL:-$ROOT/models/chemical-disease.zip}"
OUT="${OUT:-$ROOT/bench/out/real-notes}"
SEED="${SEED:-16}"
AUDIT_N="${AUDIT_N:-160}"
PARTS="${PARTS:-dev test}"
THREADS="${THREADS:-$(nproc)}"
PY="$ROOT/bench/real-notes.py"

[ -f "$SHARED/ade_corpus_v2/DRUG-AE.rel" ] || { echo "ADE-Corpus-V2 not found under $SHARED (set SHARED=)" >&2; exit 1; }
mkdir -p "$OUT"
dotnet build -c Release "$ROOT/src/Asclepius.TextMining.Cli" -v q -nologo >&2
ASC=(dotnet "$ROOT/src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll")

# The sets, split by document.
"${ASC[@]}" convert "$SHARED/ade_corpus_v2/DRUG-AE.rel" "$OUT/ade-converted.jsonl" >&2
python3 "$PY" prepare "$SHARED" "$OUT" "$SEED"

for part in $PARTS; do
  echo "== ADE ($part): Drug -> Chemical, AdverseEffect -> Disease" >&2
  "${ASC[@]}" evaluate --gold "$OUT/ade-$part.jsonl" --model "$MODEL" --threads "$THREADS" --json "$OUT/ade-$part.scores.json" >&2
  echo "== NegEx kit ($part): conditions as Disease (recall; the kit marks one condition per row, so precision means nothing)" >&2
  for set in negex negex-disease; do
    "${ASC[@]}" evaluate --gold "$OUT/$set-$part.jsonl" --model "$MODEL" --threads "$THREADS" --json "$OUT/$set-$part.scores.json" >&2
  done
  "${ASC[@]}" label --model "$MODEL" --in "$OUT/notes-$part.jsonl" --out "$OUT/notes-$part.labeled.jsonl" --parallel "$THREADS" --overwrite >&2
done
"${ASC[@]}" label --model "$MODEL" --in "$OUT/mtsamples-all.jsonl" --out "$OUT/mtsamples-all.labeled.jsonl" --parallel "$THREADS" --overwrite >&2

if [[ " $PARTS " == *" test "* && "$SEED" == 16 ]]; then
  # The model-blind sheet of which test rows hold a BC5CDR-markable mention belongs to seed 16's split.
  "${ASC[@]}" label --model "$MODEL" --in "$OUT/negex-disease-test.jsonl" --out "$OUT/negex-disease-test.labeled.jsonl" --parallel "$THREADS" --overwrite >&2
  echo "== NegEx kit (test), split by whether the condition holds a mention BC5CDR marks (docs/audit/negex-test-markable.md)"
  python3 "$PY" markable "$OUT/negex-disease-test.jsonl" "$OUT/negex-disease-test.labeled.jsonl" "$ROOT/docs/audit/negex-test-markable.tsv"
fi
echo "== Scores (strict; NegEx: read recall only)"
python3 "$PY" summary "$OUT"
echo "== MTSamples (500 notes): most frequent predicted surfaces"
python3 "$PY" surfaces "$OUT/mtsamples-all.labeled.jsonl" 50
if [[ " $PARTS " == *" test "* ]]; then
  python3 "$PY" sample "$OUT/notes-test.labeled.jsonl" "$SEED" "$AUDIT_N" "$OUT/audit"
  echo "Audit sheet: $OUT/audit.tsv and $OUT/audit.html (fill the judgement column; then python3 $PY precision $OUT/audit.tsv)"
fi
