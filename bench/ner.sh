#!/usr/bin/env bash
# NER benchmark (not a test): BC5CDR train (+ dev for model selection) → test, for the token-window
# backend (without and with data/lexicons), the BiLSTM-CRF backend and a CRFsuite peer (npm
# crfsuite@1.0.1, standard hand features, same tokens and BIO tags via `asclepius convert --to conll`).
# Every system is trained, then labels the test texts; all are scored by `asclepius evaluate` against the
# PubTator gold. Writes bench/out/ner/* and the "Named-entity recognition" section of docs/BENCHMARKS.md.
#
#   bash bench/ner.sh                 # everything
#   SKIP_BILSTM=1 bash bench/ner.sh   # without the BiLSTM-CRF (its training takes the longest)
#   BILSTM_PLAIN=1 bash bench/ner.sh  # also the BiLSTM-CRF without the lexicon feature
#   REUSE=1 bash bench/ner.sh         # keep the results of systems already in bench/out/ner, run the rest
#
# Needs: .NET 10 SDK, Node.js (npm builds CRFsuite's C sources: a C/C++ toolchain and python3), GNU time
# (/usr/bin/time), and the corpus at ../shared/data/bc5cdr (or DATA=/path/to/data).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
P=$DATA/bc5cdr/pubtator
OUT=bench/out/ner
mkdir -p "$OUT"
TRAIN=$P/CDR_TrainingSet.PubTator.txt DEV=$P/CDR_DevelopmentSet.PubTator.txt TEST=$P/CDR_TestSet.PubTator.txt
for f in "$TRAIN" "$DEV" "$TEST"; do [ -f "$f" ] || { echo "missing $f (set DATA=...)"; exit 1; }; done
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed for wall time and peak RSS"; exit 1; }

cut -d' ' -f1-3 /proc/loadavg > "$OUT/loadavg.start"
echo "== build"
dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo > "$OUT/build.log" 2>&1 || { tail -20 "$OUT/build.log"; exit 1; }
CLI="dotnet src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll"
if [ ! -d bench/crfsuite/node_modules/crfsuite ]; then
  echo "== npm install (builds CRFsuite)"
  (cd bench/crfsuite && npm install --no-audit --no-fund > ../../$OUT/npm.log 2>&1) || { tail -20 "$OUT/npm.log"; exit 1; }
fi

# The test texts ten times over (ids suffixed): a batch big enough to measure labeling once warm.
$CLI convert "$TEST" "$OUT/test.jsonl" --to jsonl > "$OUT/convert.log" 2>&1
node -e '
const fs = require("fs");
const docs = fs.readFileSync(process.argv[1], "utf8").split("\n").filter(l => l.trim()).map(l => JSON.parse(l));
const out = [];
for (let r = 1; r <= 10; r++) for (const d of docs) out.push(JSON.stringify({ ...d, id: `${d.id}-r${r}` }));
fs.writeFileSync(process.argv[2], out.join("\n") + "\n");' "$OUT/test.jsonl" "$OUT/test10.jsonl"

timed() { local name=$1; shift; /usr/bin/time -v "$@" > "$OUT/$name.log" 2> "$OUT/$name.time" || { echo "failed: $*"; tail -20 "$OUT/$name.time"; exit 1; }; }

ours() {
  local name=$1 backend=$2; shift 2
  if [ "${REUSE:-0}" = 1 ] && [ -f "$OUT/$name.t1.json" ]; then echo "== $name: reused"; return; fi
  echo "== $name: train"
  timed "$name.train" $CLI train ner --train "$TRAIN" --dev "$DEV" --out "$OUT/$name.zip" --backend "$backend" --seed 1 "$@"
  echo "== $name: label + score test (all cores, then 1 thread)"
  timed "$name.eval" $CLI evaluate --model "$OUT/$name.zip" --gold "$TEST" --json "$OUT/$name.json"
  timed "$name.eval1" $CLI evaluate --model "$OUT/$name.zip" --gold "$TEST" --json "$OUT/$name.t1.json" --threads 1
  timed "$name.eval10" $CLI evaluate --model "$OUT/$name.zip" --gold "$OUT/test10.jsonl" --json "$OUT/$name.t10.json" --threads 1
  grep -E "labeled|micro" "$OUT/$name.eval.log" | head -3
  meta "$name"
}
# Which commit and load a system's row was measured at (rows of a REUSE=1 run come from several runs).
meta() { echo "$(git rev-parse --short HEAD), $(date -u +%F), $(cut -d' ' -f1-3 /proc/loadavg)" > "$OUT/$1.meta"; }

ours token-window token-window
ours token-window-lex token-window --lexicons data/lexicons
if [ "${SKIP_BILSTM:-0}" != 1 ]; then
  # The BiLSTM-CRF with the lexicon feature is its best setting; without it (BILSTM_PLAIN=1) adds ~20 min.
  ours bilstm-crf-lex bilstm-crf --lexicons data/lexicons
  if [ "${BILSTM_PLAIN:-0}" = 1 ]; then ours bilstm-crf bilstm-crf; fi
fi

if [ "${REUSE:-0}" = 1 ] && [ -f "$OUT/crfsuite.json" ]; then echo "== crfsuite: reused"; else
echo "== crfsuite: export tokens and BIO tags"
$CLI convert "$TRAIN" "$OUT/train.conll" --to conll >> "$OUT/convert.log" 2>&1
$CLI convert "$TEST" "$OUT/test.conll" --to conll >> "$OUT/convert.log" 2>&1
echo "== crfsuite: train"
timed crfsuite.train node bench/crfsuite/crf.js train --conll "$OUT/train.conll" --model "$OUT/crfsuite.model"
echo "== crfsuite: tag test"
timed crfsuite.tag node bench/crfsuite/crf.js tag --model "$OUT/crfsuite.model" --conll "$OUT/test.conll" --text "$OUT/test.jsonl" --out "$OUT/crfsuite.pred.jsonl"
$CLI evaluate --gold "$TEST" --pred "$OUT/crfsuite.pred.jsonl" --json "$OUT/crfsuite.json" > "$OUT/crfsuite.eval.log" 2>&1
grep micro "$OUT/crfsuite.eval.log" | head -1
timed crfsuite.tag10 node bench/crfsuite/crf.js tag --model "$OUT/crfsuite.model" --conll "$OUT/test.conll" --text "$OUT/test.jsonl" --out "$OUT/crfsuite.pred10.jsonl" --repeat 10
meta crfsuite
fi

cut -d' ' -f1-3 /proc/loadavg > "$OUT/loadavg.end"
echo "== report"
node bench/ner-report.js "$OUT" "$(git rev-parse --short HEAD)" "$(nproc)" "$(date -u +%F)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" > "$OUT/section.md"
node - "$OUT/section.md" docs/BENCHMARKS.md <<'JS'
// Replace (or append) the "## Named-entity recognition" section, keeping every other section as it is.
const fs = require('fs');
const [section, path] = process.argv.slice(2);
const text = fs.readFileSync(section, 'utf8');
let doc = fs.existsSync(path) ? fs.readFileSync(path, 'utf8') : '# Benchmarks\n\nMeasured numbers; each section names the command that wrote it.\n\n';
const head = '## Named-entity recognition';
const start = doc.indexOf(head);
if (start < 0) doc = doc.replace(/\s*$/, '\n\n') + text;
else {
  const next = doc.indexOf('\n## ', start + head.length);
  doc = doc.slice(0, start) + text + (next < 0 ? '' : doc.slice(next + 1));
}
fs.writeFileSync(path, doc.replace(/\n{3,}/g, '\n\n'));
JS
cat "$OUT/section.md"
