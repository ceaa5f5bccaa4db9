#!/usr/bin/env bash
# Batch-labeling benchmark (docs/BENCHMARKS.md, "Batch labeling and the worker").
#
#   bash bench/label.sh [MODEL.zip ...]
#
# 1. Builds a corpus from the unlabeled notes in ../shared/data (MTSamples, PMC-Patients, synthetic
#    notes), repeated until it holds >= TARGET_TOKENS tokens (default 5,000,000), as JSONL.
# 2. `asclepius label` over it with each model given (default: every models/*.zip, which includes the
#    dictionary baseline and whatever trained NER packages are there): notes/s, tokens/s, peak RSS.
# 3. The worker against PostgreSQL (a throwaway server on 127.0.0.1): the same notes in an OMOP NOTE
#    table, labeled by 1 and then by 2 worker processes (Worker:ExitWhenIdle), wall time and peak RSS.
# Results go to bench/out/label-results.md (and the console). Env: TARGET_TOKENS, PARALLEL (threads per
# process, default: all cores), PG_MODEL (model for the worker runs, default: the first model), WORKERS
# (worker process counts to run, default "1 2"; empty skips the PostgreSQL runs), CLI_DLL (an asclepius.dll
# to time instead of this tree's build, e.g. a copy of an older build for a before/after comparison).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DATA=${DATA:-$ROOT/../shared/data}
OUT=$ROOT/bench/out
TARGET_TOKENS=${TARGET_TOKENS:-5000000}
PARALLEL=${PARALLEL:-$(nproc)}
mkdir -p "$OUT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

[ -d "$DATA" ] || { echo "missing $DATA (the shared corpora beside the repository)"; exit 1; }
echo "== build (Release)"
dotnet build src/Asclepius.TextMining.Cli -c Release -v q -nologo | tail -1
dotnet build src/Asclepius.TextMining.Worker -c Release -v q -nologo | tail -1
CLI="dotnet ${CLI_DLL:-$ROOT/src/Asclepius.TextMining.Cli/bin/Release/net10.0/asclepius.dll}"
WORKERS=${WORKERS-1 2}
WORKER="$ROOT/src/Asclepius.TextMining.Worker/bin/Release/net10.0/Asclepius.TextMining.Worker.dll"

if [ $# -gt 0 ]; then MODELS=("$@"); else MODELS=(models/*.zip); fi

echo "== corpus (>= $TARGET_TOKENS tokens)"
CORPUS=$OUT/notes.jsonl
NOTECSV=$OUT/notes.csv
python3 - "$DATA" "$TARGET_TOKENS" "$CORPUS" "$NOTECSV" <<'PY'
import csv, json, re, sys
csv.field_size_limit(10**9)
data, target, out, out_csv = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
sources = [("mtsamples", f"{data}/mtsamples/mtsamples_sample.csv"),
           ("pmc", f"{data}/pmc_patients/pmc_patients_sample.csv"),
           ("synth", f"{data}/synthetic_notes/synthetic_notes.csv")]
notes = []
for name, path in sources:
    with open(path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f), 1):
            if row.get("text", "").strip(): notes.append((f"{name}-{i}", row["text"]))
# A rough count (words and symbols, as the clinical tokenizer splits them); the label run reports the exact one.
per_pass = sum(len(re.findall(r"\w+|[^\w\s]", t)) for _, t in notes)
passes = -(-target // per_pass)
n = 0
with open(out, "w", encoding="utf-8") as j, open(out_csv, "w", newline="", encoding="utf-8") as c:
    w = csv.writer(c); w.writerow(["note_id", "note_text"])
    for p in range(passes):
        for nid, text in notes:
            n += 1
            j.write(json.dumps({"id": f"r{p}-{nid}", "text": text}, ensure_ascii=False) + "\n")
            w.writerow([n, text])
print(f"{len(notes)} distinct notes, ~{per_pass:,} tokens per pass, {passes} passes: {n:,} notes, ~{per_pass*passes:,} tokens")
PY

RESULTS=$OUT/label-results.md
{
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB RAM, $(uname -sr), .NET $(dotnet --version); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "### asclepius label (JSONL in, JSONL out, --parallel $PARALLEL)"
  echo
  echo "| model | notes | tokens | entities | wall s | notes/s | tokens/s | peak RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$RESULTS"

for m in "${MODELS[@]}"; do
  name=$(basename "$m" .zip)
  echo "== label with $name"
  /usr/bin/time -v -o "$OUT/time-$name.txt" $CLI label --model "$m" --in "$CORPUS" --out "$OUT/labels-$name.jsonl" --overwrite --parallel "$PARALLEL" | tee "$OUT/label-$name.txt"
  python3 - "$OUT/label-$name.txt" "$OUT/time-$name.txt" "$name" >> "$RESULTS" <<'PY'
import re, sys
s = open(sys.argv[1]).read(); t = open(sys.argv[2]).read()
g = lambda p: re.search(p, s).group(1).replace(",", "")
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) // 1024
notes, tokens, entities = int(g(r"labeled ([\d,]+) notes")), int(g(r"\(([\d,]+) tokens")), int(g(r"tokens, ([\d,]+) entities"))
wall, nps, tps = float(g(r"in ([\d.]+) s")), float(g(r"([\d.]+) notes/s")), int(g(r"([\d,]+) tokens/s"))
print(f"| {sys.argv[3]} | {notes:,} | {tokens:,} | {entities:,} | {wall:.1f} | {nps:,.1f} | {tps:,} | {rss:,} |")
PY
done

if [ -z "$WORKERS" ]; then echo; cat "$RESULTS"; exit 0; fi
echo "== worker against PostgreSQL"
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
PG_MODEL=${PG_MODEL:-${MODELS[0]}}
PGDIR=$(mktemp -d /tmp/atm-bench-pg-XXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
AS=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; AS=(runuser -u postgres --); fi
"${AS[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --locale=C --no-sync >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=100" start >/dev/null
trap '"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$PGDIR"' EXIT
export PGOPTIONS="-c client_min_messages=warning"
PSQL=("$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -X -q -v ON_ERROR_STOP=1)
{
  echo
  echo "### worker processes against PostgreSQL (OMOP NOTE → NOTE_NLP, model $(basename "$PG_MODEL" .zip), Worker:Parallelism $PARALLEL each)"
  echo
  echo "| workers | notes | NOTE_NLP rows | wall s | notes/s | peak RSS MB per worker |"
  echo "|---:|---:|---:|---:|---:|---|"
} >> "$RESULTS"
for workers in $WORKERS; do
  db=bench_$workers
  "${PSQL[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  "${PSQL[@]}" -d "$db" -c "CREATE TABLE note (note_id bigint PRIMARY KEY, note_text text)" -c "\\copy note (note_id, note_text) FROM '$NOTECSV' CSV HEADER"
  start=$(date +%s.%N)
  pids=()
  for w in $(seq 1 "$workers"); do
    Model__Package="$ROOT/$PG_MODEL" Source__Kind=Postgres Source__ConnectionString="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=$db" \
    Source__BatchSize=64 Worker__Parallelism="$PARALLEL" Worker__ExitWhenIdle=true Worker__WorkerId="bench-$w" Logging__LogLevel__Default=Warning \
      /usr/bin/time -v -o "$OUT/time-worker-$workers-$w.txt" dotnet "$WORKER" > "$OUT/worker-$workers-$w.log" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  notes=$("${PSQL[@]}" -d "$db" -A -t -c "SELECT count(*) FROM asclepius.note_work WHERE state = 'done'")
  rows=$("${PSQL[@]}" -d "$db" -A -t -c "SELECT count(*) FROM note_nlp")
  rss=$(for w in $(seq 1 "$workers"); do grep "Maximum resident" "$OUT/time-worker-$workers-$w.txt" | awk '{printf "%d ", $6/1024}'; done)
  python3 -c "import sys; n,r,s,e,w,rss=sys.argv[1:]; t=float(e)-float(s); print(f'| {w} | {int(n):,} | {int(r):,} | {t:.1f} | {int(n)/t:,.1f} | {rss.strip()} |')" "$notes" "$rows" "$start" "$end" "$workers" "$rss" >> "$RESULTS"
done

echo
cat "$RESULTS"
