#!/usr/bin/env bash
# Transformer NER benchmark (not a test): Ner.Transformer.v1 fine-tuned from MiniLM (`--encoder minilm`, shipped in the
# build, no download) on BC5CDR, scored by `asclepius evaluate` against the PubTator gold. On a shared 2-core machine the
# full corpus does not fit a session, so the script takes the first TRAIN_DOCS / DEV_DOCS / TEST_DOCS documents of each
# split (PubTator documents are blank-line separated), EPOCHS epochs of BATCH windows per step (4: chosen on dev, where
# batches of 16 — the library default — gave dev F1 0 after one epoch); the defaults are what the committed numbers used.
# Settings are chosen on dev only; test is scored once at the end. Writes bench/out/transformer/*.
#
#   bash bench/transformer.sh                                        # the subset run in docs/BENCHMARKS.md
#   TRAIN_DOCS=500 DEV_DOCS=500 TEST_DOCS=500 EPOCHS=3 bash bench/transformer.sh   # the whole corpus
#   DEVICE=cuda bash bench/transformer.sh                            # on a GPU (README, section "GPU")
#   LEXICONS=data/lexicons bash bench/transformer.sh                  # with the lexicon feature (--lexicons)
#   CLI=/tmp/cli/asclepius OUT=/tmp/run bash bench/transformer.sh     # a CLI published elsewhere (no build), own output folder
#   ENCODER_DROPOUT=0 bash bench/transformer.sh                       # --encoder-dropout R (unset: the encoder's own rates, 0.1
#                                                                     # for MiniLM since 0e63231; 0 = the rows measured before it)
#
# Needs: .NET 10 SDK, GNU time (/usr/bin/time), the corpus at ../shared/data/bc5cdr (or DATA=/path/to/data).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
P=$DATA/bc5cdr/pubtator
OUT=${OUT:-bench/out/transformer}
LEXICONS=${LEXICONS:-}
TRAIN_DOCS=${TRAIN_DOCS:-200} DEV_DOCS=${DEV_DOCS:-50} TEST_DOCS=${TEST_DOCS:-100} EPOCHS=${EPOCHS:-1}
DEVICE=${DEVICE:-cpu} THREADS=${THREADS:-2} ENCODER=${ENCODER:-minilm} BATCH=${BATCH:-4}
mkdir -p "$OUT"
for f in CDR_TrainingSet CDR_DevelopmentSet CDR_TestSet; do [ -f "$P/$f.PubTator.txt" ] || { echo "missing $P/$f.PubTator.txt (set DATA=...)"; exit 1; }; done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for wall time and peak RSS"; exit 1; }

first() { awk -v n="$2" 'BEGIN { RS = ""; ORS = "\n\n" } NR <= n' "$1"; }
first "$P/CDR_TrainingSet.PubTator.txt" "$TRAIN_DOCS" > "$OUT/train.txt"
first "$P/CDR_DevelopmentSet.PubTator.txt" "$DEV_DOCS" > "$OUT/dev.txt"
first "$P/CDR_TestSet.PubTator.txt" "$TEST_DOCS" > "$OUT/test.txt"

if [ -z "${CLI:-}" ]; then
  echo "== build"
  dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo > "$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log"; exit 1; }
  CLI=src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius
fi
cut -d' ' -f1-3 /proc/loadavg > "$OUT/loadavg.start"

echo "== train ($TRAIN_DOCS train docs, $DEV_DOCS dev docs, $EPOCHS epochs, batch $BATCH, $ENCODER, $DEVICE, $THREADS threads, lexicons: ${LEXICONS:-none}, encoder dropout: ${ENCODER_DROPOUT:-default})"
/usr/bin/time -v -o "$OUT/train.time" $CLI train ner --backend transformer --encoder "$ENCODER" --device "$DEVICE" ${LEXICONS:+--lexicons "$LEXICONS"} ${ENCODER_DROPOUT:+--encoder-dropout "$ENCODER_DROPOUT"} \
  --train "$OUT/train.txt" --dev "$OUT/dev.txt" --out "$OUT/model.zip" --epochs "$EPOCHS" --batch-size "$BATCH" --threads "$THREADS" --seed 1 > "$OUT/train.log" 2>&1 \
  || { tail -30 "$OUT/train.log"; exit 1; }

echo "== evaluate on $TEST_DOCS test docs"
/usr/bin/time -v -o "$OUT/test.time" $CLI evaluate --model "$OUT/model.zip" --gold "$OUT/test.txt" --device "$DEVICE" --threads "$THREADS" \
  --json "$OUT/test.json" > "$OUT/test.log" 2>&1 || { tail -30 "$OUT/test.log"; exit 1; }
cut -d' ' -f1-3 /proc/loadavg > "$OUT/loadavg.end"

python3 - "$OUT" <<'PY'
import json, re, sys, os
out = sys.argv[1]
def gnu(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time .*: (.*)", text).group(1)
    parts = [float(p) for p in wall.split(":")]
    seconds = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    user = float(re.search(r"User time \(seconds\): (.*)", text).group(1))
    return seconds, rss / 1024, user
test = json.load(open(os.path.join(out, "test.json")))
strict = test["entities"]["micro"]  # strict; lenient is beside it
train_s, train_rss, train_user = gnu(os.path.join(out, "train.time"))
test_s, test_rss, _ = gnu(os.path.join(out, "test.time"))
model = test.get("model", {})
summary = {
    "test_precision": strict["precision"], "test_recall": strict["recall"], "test_f1": strict["f1"],
    "train_wall_s": round(train_s), "train_user_s": round(train_user), "train_peak_rss_mb": round(train_rss),
    "label_wall_s": round(test_s), "label_peak_rss_mb": round(test_rss),
    "label_tokens_per_s": model.get("tokens_per_second"), "label_tokens_per_cpu_s": model.get("tokens_per_cpu_second"),
    "package_mb": round(os.path.getsize(os.path.join(out, "model.zip")) / 1e6, 1),
    "loadavg_start": open(os.path.join(out, "loadavg.start")).read().strip(),
    "loadavg_end": open(os.path.join(out, "loadavg.end")).read().strip(),
}
json.dump(summary, open(os.path.join(out, "summary.json"), "w"), indent=2)
print(json.dumps(summary, indent=2))
PY
grep -E "micro|dev" "$OUT/train.log" | tail -3
