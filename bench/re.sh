#!/usr/bin/env bash
# Relation-extraction benchmark (not a test).
#   bash bench/re.sh [STEP...]      steps: gad euadr ade ade-e2e ade-e2e-lex bc5cdr-dev bc5cdr bc5cdr-e2e bc5cdr-e2e-lex chemprot
#                                   (default: all; -lex: the NER gets the lexicon feature of data/lexicons)
#   bash bench/re.sh report         only rewrite the table from the logs already in bench/out/re
# Gold entities given (relation classification) on GAD and EU-ADR (their 10 folds), ADE-Corpus-V2
# (10 folds split by PMID, Drug → AdverseEffect), BC5CDR CID (train+dev → test) and ChemProt (train → test);
# end to end on ADE (token-window NER trained on the same folds; ADE_E2E_FOLDS of the 10, default 10) and
# on BC5CDR through the CLI (train ner, train re --dev, evaluate).
# Each step writes bench/out/re/STEP.{log,time,meta}; the table in docs/BENCHMARKS.md (section
# "Relation extraction") is rebuilt from whatever logs exist, and steps without a log say "not run".
# Env: DATA (default ../shared/data), RELBENCH (a prebuilt RelationBench binary) with BENCH_COMMIT (the
# commit it was built from), ADE_E2E_FOLDS. Build outputs are hard links into obj/ (Directory.Build.props),
# so a build during a step rewrites the running binaries (it crashed a GAD run with BadImageFormatException):
# don't build while a step runs, or point RELBENCH at a `cp -r` copy of the output folder.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
OUT=bench/out/re; mkdir -p "$OUT"
P=$DATA/bc5cdr/pubtator
ADE_E2E_FOLDS=${ADE_E2E_FOLDS:-10}
STEPS=${*:-gad euadr ade ade-e2e ade-e2e-lex bc5cdr-dev bc5cdr bc5cdr-e2e bc5cdr-e2e-lex chemprot}

if [[ "$STEPS" != "report" ]]; then
  if [[ -z "${RELBENCH:-}" ]]; then
    dotnet build bench/RelationBench -c Release -v q -nologo >/dev/null
    RELBENCH=bench/RelationBench/bin/Release/net10.0/RelationBench
  fi
  if [[ " $STEPS " == *" bc5cdr-e2e"* ]]; then dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo >/dev/null; fi
fi
B=${RELBENCH:-}
CLI="dotnet src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll"

# run NAME CMD...: log, /usr/bin/time, and a meta line (commit, start/end UTC, load average at both ends).
run() {
  local name=$1; shift
  echo "== $name: $*"
  local start load0 commit; start=$(date -u +%FT%TZ); load0=$(cut -d' ' -f1-3 /proc/loadavg)
  commit=${BENCH_COMMIT:-$(git rev-parse --short HEAD)}
  /usr/bin/time -v "$@" > "$OUT/$name.log" 2> "$OUT/$name.time" || { tail -5 "$OUT/$name.time"; return 1; }
  printf 'commit=%s\tstart=%s\tend=%s\tload_start=%s\tload_end=%s\tcores=%s\tcommand=%s\n' \
    "$commit" "$start" "$(date -u +%FT%TZ)" "$load0" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(nproc)" "$*" > "$OUT/$name.meta"
  grep RESULT "$OUT/$name.log" || true
}

# NER_LEXICONS="--lexicons data/lexicons" gives the NER the lexicon feature (step bc5cdr-e2e-lex).
bc5cdr_e2e() {
  $CLI train ner --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --out "$OUT/ner.zip" --backend token-window ${NER_LEXICONS:-}
  $CLI train re --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --base "$OUT/ner.zip" --out "$OUT/ner-re.zip" --synonyms data/lexicons
  $CLI evaluate --model "$OUT/ner-re.zip" --gold "$P/CDR_TestSet.PubTator.txt" --json "$OUT/e2e.json"
  python3 - "$OUT/e2e.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["relations"]
for setting in ("gold_entities", "end_to_end"):
    s = r.get(setting, {}).get("document_level", r.get(setting, {})).get("micro", {})
    print(f"RESULT\tbc5cdr-cli-{setting}\tP={s.get('precision', 0):.4f}\tR={s.get('recall', 0):.4f}\tF1={s.get('f1', 0):.4f}")
PY
}

for step in $STEPS; do
  case $step in
    gad)        run gad      "$B" folds "$DATA/gad" biobert-tsv ;;
    euadr)      run euadr    "$B" folds "$DATA/euadr" biobert-tsv ;;
    ade)        run ade      "$B" pmidfolds "$DATA/ade_corpus_v2" ade 10 ;;
    ade-e2e)    run ade-e2e  "$B" pmidfolds-e2e "$DATA/ade_corpus_v2" ade 10 "$ADE_E2E_FOLDS" ;;
    ade-e2e-lex) run ade-e2e-lex "$B" pmidfolds-e2e "$DATA/ade_corpus_v2" ade 10 "$ADE_E2E_FOLDS" ner_lexicons=data/lexicons ;;
    # The document-level rule is chosen here, on dev only: train on CDR_TrainingSet, score CDR_DevelopmentSet.
    bc5cdr-dev) run devsweep "$B" devsweep pubtator "$P/CDR_TrainingSet.PubTator.txt" "$P/CDR_DevelopmentSet.PubTator.txt" -1,0,1 ;;
    bc5cdr)     run bc5cdr   "$B" split pubtator "$P/CDR_TestSet.PubTator.txt" "$P/CDR_TrainingSet.PubTator.txt" "$P/CDR_DevelopmentSet.PubTator.txt" ;;
    bc5cdr-e2e) export -f bc5cdr_e2e; export CLI P OUT; NER_LEXICONS= run bc5cdr-e2e bash -c bc5cdr_e2e ;;
    bc5cdr-e2e-lex) export -f bc5cdr_e2e; export CLI P OUT; NER_LEXICONS="--lexicons data/lexicons" run bc5cdr-e2e-lex bash -c bc5cdr_e2e ;;
    chemprot)   run chemprot "$B" split chemprot "$DATA/chemprot/test.jsonl" "$DATA/chemprot/train.jsonl" ;;
    report)     ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done

python3 bench/re-report.py "$OUT" docs/BENCHMARKS.md
