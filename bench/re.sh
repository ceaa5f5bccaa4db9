#!/usr/bin/env bash
# Relation-extraction benchmark (not a test). Gold entities given (relation classification) on GAD and
# EU-ADR (10 folds each), ADE-Corpus-V2 (10 folds split by PMID), BC5CDR CID (train+dev -> test) and
# ChemProt (train -> test); then BC5CDR CID end to end through the CLI (token-window NER + relations).
# Writes bench/out/re/*.log and the table in docs/BENCHMARKS.md (section "Relation extraction").
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
OUT=bench/out/re; mkdir -p "$OUT"
dotnet build bench/RelationBench -c Release -v q -nologo >/dev/null
dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo >/dev/null
B=bench/RelationBench/bin/Release/net10.0/RelationBench
CLI="dotnet src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll"
P=$DATA/bc5cdr/pubtator

run() { local name=$1; shift; echo "== $name: $*"; /usr/bin/time -v "$@" > "$OUT/$name.log" 2> "$OUT/$name.time" || { tail -5 "$OUT/$name.time"; return 1; }; grep RESULT "$OUT/$name.log"; }

run gad     $B folds "$DATA/gad" biobert-tsv
run euadr   $B folds "$DATA/euadr" biobert-tsv
run ade     $B pmidfolds "$DATA/ade_corpus_v2" ade 10
run bc5cdr  $B split pubtator "$P/CDR_TestSet.PubTator.txt" "$P/CDR_TrainingSet.PubTator.txt" "$P/CDR_DevelopmentSet.PubTator.txt" window=-1
run chemprot $B split chemprot "$DATA/chemprot/test.jsonl" "$DATA/chemprot/train.jsonl"

# End to end: NER then relations, scored on the test set's gold concepts.
echo "== bc5cdr end to end"
$CLI train ner --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --out "$OUT/ner.zip" --backend token-window > "$OUT/e2e-ner.log" 2>&1
$CLI train re --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --base "$OUT/ner.zip" --out "$OUT/ner-re.zip" > "$OUT/e2e-re.log" 2>&1
$CLI evaluate --model "$OUT/ner-re.zip" --gold "$P/CDR_TestSet.PubTator.txt" --json "$OUT/e2e.json" > "$OUT/e2e-eval.log" 2>&1
python3 - "$OUT/e2e.json" <<'PY' | tee "$OUT/e2e.txt"
import json, sys
r = json.load(open(sys.argv[1]))["relations"]
for setting in ("gold_entities", "end_to_end"):
    s = r.get(setting, {}).get("document_level", r.get(setting, {})).get("micro", {})
    print(f"RESULT\tbc5cdr-{setting}\tP={s.get('precision', 0):.4f}\tR={s.get('recall', 0):.4f}\tF1={s.get('f1', 0):.4f}")
PY

commit=$(git rev-parse --short HEAD); cores=$(nproc); day=$(date -u +%F)
{
  echo "## Relation extraction"
  echo
  echo "Command: \`bash bench/re.sh\` — commit $commit, $cores cores, $day. Gold entities unless the row says end to end."
  echo "F1 is micro over relation labels (GAD/EU-ADR: the Association class; BC5CDR: document-level CID concept pairs)."
  echo
  echo "| corpus | setting | result | training (mean per run) | pairs/s |"
  echo "|---|---|---|---|---|"
  for n in gad euadr ade bc5cdr chemprot; do
    line=$(grep RESULT "$OUT/$n.log" | head -1)
    f1=$(echo "$line" | grep -o 'F1=[^[:space:]]*' | cut -d= -f2)
    tr=$(echo "$line" | grep -o 'train[_a-z]*=[^[:space:]]*' | cut -d= -f2)
    ps=$(echo "$line" | grep -o 'pairs/s=[^[:space:]]*' | cut -d= -f2)
    echo "| $n | gold entities | F1 $f1 | $tr | $ps |"
  done
  while read -r _ name p r f; do echo "| ${name#bc5cdr-} | BC5CDR CID | $p $r $f | | |"; done < "$OUT/e2e.txt"
  echo
} > "$OUT/section.md"
python3 - "$OUT/section.md" docs/BENCHMARKS.md <<'PY'
import sys, re, os
section = open(sys.argv[1]).read()
path = sys.argv[2]
doc = open(path).read() if os.path.exists(path) else "# Benchmarks\n\n"
pattern = re.compile(r"## Relation extraction\n.*?(?=\n## |\Z)", re.S)
doc = pattern.sub(section.rstrip("\n") + "\n", doc) if pattern.search(doc) else doc.rstrip("\n") + "\n\n" + section
open(path, "w").write(doc)
PY
cat "$OUT/section.md"
