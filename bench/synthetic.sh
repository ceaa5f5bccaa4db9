#!/usr/bin/env bash
# The synthetic-data experiment (docs/BENCHMARKS.md, "Synthetic data"): models trained on documents from
# the offline generator only, and mixed with 0/10/50/100% of the real training set, scored on real gold.
#   NER: BC5CDR test (token-window; BiLSTM-CRF with STEPS including "bilstm"), strict entity micro F1.
#   RE:  BC5CDR CID (document level, gold entities) and ADE-Corpus-V2 (mention level, gold entities).
# Usage: bench/synthetic.sh            (from the repository root; 23 min on 2 shared cores, builds and BiLSTM step included)
#        COUNT=5000 SEED=1 OUT=bench/out/synthetic SHARED=../shared/data STEPS="ner curve re" bench/synthetic.sh
# Results: one JSON line per run in $OUT/results.jsonl; NER errors by kind in $OUT/*.fp.tsv / *.fn.tsv.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# The corpora: <repo>/../shared/data, found by walking up (a git worktree sits deeper than the main checkout).
if [ -z "${SHARED:-}" ]; then
  d="$ROOT"; while [ "$d" != "/" ] && [ ! -d "$d/shared/data" ]; do d="$(dirname "$d")"; done
  SHARED="$d/shared/data"
fi
OUT="${OUT:-$ROOT/bench/out/synthetic}"
COUNT="${COUNT:-5000}"
SEED="${SEED:-1}"
STEPS="${STEPS:-coverage ner curve re bilstm}"
# BiLSTM-CRF on generated data only: a capped run (epochs and wall-clock minutes) so it fits a shared machine.
EPOCHS="${EPOCHS:-4}"
MINUTES="${MINUTES:-18}"
# Decoding: mark the other occurrences of a predicted mention in the document (chosen on BC5CDR dev).
PROPAGATE="${PROPAGATE:-true}"
CDR="$SHARED/bc5cdr/pubtator"
TRAIN="$CDR/CDR_TrainingSet.PubTator.txt"
TEST="$CDR/CDR_TestSet.PubTator.txt"
LEX="$ROOT/data/lexicons"

[ -f "$TEST" ] || { echo "BC5CDR not found under $SHARED (set SHARED=)" >&2; exit 1; }
mkdir -p "$OUT"
dotnet build -c Release "$ROOT/src/Asclepius.TextMining.Cli" -v q -nologo >&2
dotnet build -c Release "$ROOT/bench/synthetic" -v q -nologo >&2
ASC=(dotnet "$ROOT/src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll")
BENCH="$ROOT/bench/synthetic/bin/Release/net10.0/linux-x64/SyntheticBench"
RESULTS="$OUT/results.jsonl"
run() { echo "== $*" >&2; "$BENCH" "$@" | tee -a "$RESULTS"; }
ner() { run ner --propagate "$PROPAGATE" "$@"; }
has() { [[ " $STEPS " == *" $1 "* ]]; }

# Generation is resumable: a rerun with the same seed reuses what is there.
"${ASC[@]}" generate --provider offline --schema chemical-disease --count "$COUNT" --out "$OUT/gen-chemical-disease" --seed "$SEED" >&2
GEN="$OUT/gen-chemical-disease/data.jsonl"

if has coverage; then
  # How much of the gold vocabulary the hand-written lexicons happen to contain (train/dev/test alike).
  for split in Training Development Test; do
    run coverage --lexicons "$LEX" --test "$CDR/CDR_${split}Set.PubTator.txt" --tag "coverage-$split"
  done
fi

if has ner; then
  ner --gen "$GEN" --test "$TEST" --lexicons "$LEX" --errors "$OUT/ner-generated" --tag ner-generated
  ner --gen "$GEN" --test "$TEST" --errors "$OUT/ner-generated-no-lexicon-features" --tag ner-generated-no-lexicon-features
fi

if has curve; then
  for share in 0.1 0.5 1; do
    ner --gen "$GEN" --real "$TRAIN" --real-share "$share" --test "$TEST" --lexicons "$LEX" --tag "ner-generated+real-$share"
    ner --real "$TRAIN" --real-share "$share" --test "$TEST" --lexicons "$LEX" --tag "ner-real-$share"
  done
fi

if has re; then
  run re --gen "$GEN" --test "$TEST" --schema "$ROOT/data/schemas/chemical-disease.json" --tag re-cid-generated
  run re --real "$TRAIN" --test "$TEST" --schema "$ROOT/data/schemas/chemical-disease.json" --tag re-cid-real
  "${ASC[@]}" generate --provider offline --schema drug-ade --count "$COUNT" --out "$OUT/gen-drug-ade" --seed "$SEED" >&2
  run re --gen "$OUT/gen-drug-ade/data.jsonl" --test "$SHARED/ade_corpus_v2" --test-format ade \
    --schema "$ROOT/data/schemas/drug-ade.json" --mention-level --tag re-ade-generated
fi
if has bilstm; then
  run bilstm --gen "$GEN" --test "$TEST" --epochs "$EPOCHS" --minutes "$MINUTES" --synthetic-dev 0.1 \
    --errors "$OUT/bilstm-generated" --tag bilstm-generated
fi
echo "results: $RESULTS" >&2
