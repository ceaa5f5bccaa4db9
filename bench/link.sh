#!/usr/bin/env bash
# Concept-linking benchmark on BC5CDR (not a test). bash bench/link.sh [STEP...]
#   steps: vocab dev test ner cid speed synthetic   (default: all)
# The vocabulary comes only from what a site would have: names and MeSH ids of the TRAINING annotations
# (tuning the threshold on DEVELOPMENT) and of TRAINING+DEVELOPMENT (scored on TEST). Never the test split.
# No public MeSH/UMLS vocabulary was found through NuGet, npm or Debian (apt-cache search mesh/umls: none).
# Writes bench/out/link/*.{log,json} and meta.tsv (commit, date, cores, load per step). Env: DATA (default
# ../shared/data), LINKCLI (a prebuilt CLI output folder).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
P=$DATA/bc5cdr/pubtator
OUT=bench/out/link; mkdir -p "$OUT"
STEPS=${*:-vocab dev test ner cid speed synthetic}
# LINKCLI: a copied CLI output folder (a build during a run rewrites the hard-linked binaries; see bench/re.sh).
if [[ -z "${LINKCLI:-}" ]]; then
  dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo >/dev/null
  LINKCLI=src/Asclepius.TextMining.Cli/bin/Release/net10.0
fi
CLI="dotnet $LINKCLI/asclepius.dll"
meta() { printf 'commit=%s\tdate=%s\tcores=%s\tload=%s\tstep=%s\n' "$(git rev-parse --short HEAD)" "$(date -u +%FT%TZ)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$1" >> "$OUT/meta.tsv"; }
threshold() { python3 -c "import json;print(json.load(open('$OUT/dev.json'))['best_threshold'])"; }

for step in $STEPS; do
  meta "$step"
  case $step in
    vocab)
      python3 bench/link-vocab.py "$OUT/train.tsv" "$P/CDR_TrainingSet.PubTator.txt"
      python3 bench/link-vocab.py "$OUT/traindev.tsv" "$P/CDR_TrainingSet.PubTator.txt" "$P/CDR_DevelopmentSet.PubTator.txt"
      $CLI link build --vocabulary "$OUT/train.tsv" --out "$OUT/vocab-train.zip" | tee "$OUT/vocab-train.log"
      $CLI link build --vocabulary "$OUT/traindev.tsv" --out "$OUT/vocab-traindev.zip" | tee "$OUT/vocab-traindev.log" ;;
    dev)   # threshold chosen here: vocabulary from TRAIN only, gold mentions of DEV
      $CLI link evaluate --vocabulary "$OUT/vocab-train.zip" --gold "$P/CDR_DevelopmentSet.PubTator.txt" --json "$OUT/dev.json" | tee "$OUT/dev.log" ;;
    test)  # (a) gold mentions, (c) ceiling: vocabulary TRAIN+DEV, threshold from dev
      $CLI link evaluate --vocabulary "$OUT/vocab-traindev.zip" --gold "$P/CDR_TestSet.PubTator.txt" --threshold "$(threshold)" --json "$OUT/test-gold.json" | tee "$OUT/test-gold.log" ;;
    ner)   # (b) own NER (the default package, trained on generated data) + linker, document-level concept sets
      $CLI package add-linker --model models/chemical-disease.zip --vocabulary "$OUT/vocab-traindev.zip" --threshold "$(threshold)" --out "$OUT/default-linked.zip"
      $CLI evaluate --model "$OUT/default-linked.zip" --gold "$P/CDR_TestSet.PubTator.txt" --threads 2 --json "$OUT/test-default.json" | tee "$OUT/test-default.log" ;;
    cid)   # (b) with a BC5CDR-trained token-window, and (d) CID end to end with and without linking (as bench/re.sh bc5cdr-e2e)
      [[ -f "$OUT/ner-re.zip" ]] || {
        $CLI train ner --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --out "$OUT/ner.zip" --backend token-window
        $CLI train re --train "$P/CDR_TrainingSet.PubTator.txt" --dev "$P/CDR_DevelopmentSet.PubTator.txt" --base "$OUT/ner.zip" --out "$OUT/ner-re.zip" --synonyms data/lexicons; }
      $CLI package add-linker --model "$OUT/ner-re.zip" --vocabulary "$OUT/vocab-traindev.zip" --threshold "$(threshold)" --out "$OUT/ner-re-linked.zip"
      $CLI evaluate --model "$OUT/ner-re.zip" --gold "$P/CDR_TestSet.PubTator.txt" --threads 2 --json "$OUT/cid-plain.json" | tee "$OUT/cid-plain.log"
      $CLI evaluate --model "$OUT/ner-re-linked.zip" --gold "$P/CDR_TestSet.PubTator.txt" --threads 2 --json "$OUT/cid-linked.json" | tee "$OUT/cid-linked.log" ;;
    speed) # labeling time with and without the linker (token-window NER only, no relations), 2 threads, twice each
      $CLI package add-linker --model "$OUT/ner.zip" --vocabulary "$OUT/vocab-traindev.zip" --threshold "$(threshold)" --out "$OUT/ner-linked.zip"
      for i in 1 2; do for m in ner ner-linked; do
        $CLI evaluate --model "$OUT/$m.zip" --gold "$P/CDR_TestSet.PubTator.txt" --threads 2 --json "$OUT/speed-$m-$i.json" > "$OUT/speed-$m-$i.log"
        python3 -c "import json;m=json.load(open('$OUT/speed-$m-$i.json'))['model'];print('$m', {k:v for k,v in m.items() if 'second' in k or 'per' in k})"
      done; done ;;
    synthetic) # 1 million names: build and load time on this machine's cores
      python3 bench/link-synthetic.py "$OUT/synthetic-1m.tsv" 1000000
      /usr/bin/time -v $CLI link build --vocabulary "$OUT/synthetic-1m.tsv" --out "$OUT/synthetic-1m.zip" > "$OUT/synthetic-build.log" 2> "$OUT/synthetic-build.time"
      cat "$OUT/synthetic-build.log"; grep -E "Elapsed|Maximum resident" "$OUT/synthetic-build.time"
      ls -la "$OUT/synthetic-1m.zip"
      /usr/bin/time -v $CLI link evaluate --vocabulary "$OUT/synthetic-1m.zip" --gold "$P/CDR_DevelopmentSet.PubTator.txt" --json "$OUT/synthetic-eval.json" > "$OUT/synthetic-eval.log" 2> "$OUT/synthetic-eval.time"
      tail -1 "$OUT/synthetic-eval.log"; grep -E "Elapsed|Maximum resident" "$OUT/synthetic-eval.time" ;;
    *) echo "unknown step $step" >&2; exit 2 ;;
  esac
done
