#!/usr/bin/env bash
# BiLSTM-CRF on a GPU and on the CPU, one table: seconds per epoch, labeling tokens/s, BC5CDR test F1, peak GPU memory.
#
#   bash bench/gpu.sh prepare   where the .NET SDK is: a self-contained publish of the CLI without the CPU libtorch
#                               (-p:PublishLibtorch=false) plus BC5CDR train/dev/test, in bench/out/gpu/bundle/
#                               (git-ignored), also packed as bench/out/gpu/bundle.tar.gz to copy elsewhere
#   bash bench/gpu.sh run       on the GPU machine (no .NET SDK needed), in the repository or in an unpacked bundle
#                               (`tar xzf bundle.tar.gz && bash bundle/gpu.sh run`)
#   bash bench/gpu.sh           both, here
#
# The run step needs a libtorch: $LIBTORCH_DIR if set, else the torch/lib of the machine's PyTorch (python3 -c
# 'import torch'), else the NuGet CPU libtorch in ~/.nuget (CPU rows only). Without a usable CUDA it says so and
# prints the CPU rows. Settings: EPOCHS (default 3: fixed, patience is 5), SEED (1), CPU_THREADS (training workers on
# the CPU, default min(cores, 4) as `train ner`), OUT (results folder, default bundle/results).
# The GPU machine of issue #11: about 25 s per CPU epoch on 16 cores and 6.5 s per GPU epoch, so the default run fits
# in 5 minutes there. Seconds per epoch include the dev evaluation after each epoch.
set -euo pipefail

step="${1:-all}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ -x "$here/app/asclepius" ]]; then
  bundle="$here"                               # running from an unpacked bundle
  repo=""
else
  repo="$(cd "$here/.." && pwd)"
  bundle="$repo/bench/out/gpu/bundle"
fi

prepare() {
  [[ -n "$repo" ]] || { echo "prepare runs in the repository (it needs the .NET SDK)" >&2; exit 2; }
  local data="$repo/../shared/data/bc5cdr/pubtator"
  [[ -f "$data/CDR_TrainingSet.PubTator.txt" ]] || { echo "BC5CDR not found at $data" >&2; exit 1; }
  rm -rf "$bundle" && mkdir -p "$bundle/data"
  echo "== publishing the CLI (self-contained, linux-x64, without libtorch)"
  dotnet publish "$repo/src/Asclepius.TextMining.Cli/Asclepius.TextMining.Cli.csproj" -c Release -r linux-x64 --self-contained \
    -p:PublishLibtorch=false -o "$bundle/app" --nologo -v quiet
  if ls "$bundle/app" | grep -q '^libtorch_cpu\.so$'; then echo "the publish still holds libtorch_cpu.so" >&2; exit 1; fi
  cp "$data"/CDR_{TrainingSet,DevelopmentSet,TestSet}.PubTator.txt "$bundle/data/"
  cp "$here/gpu.sh" "$bundle/gpu.sh"
  tar -C "$(dirname "$bundle")" -czf "$(dirname "$bundle")/bundle.tar.gz" "$(basename "$bundle")"
  echo "bundle: $bundle ($(du -sh "$bundle" | cut -f1)); packed: $(dirname "$bundle")/bundle.tar.gz ($(du -h "$(dirname "$bundle")/bundle.tar.gz" | cut -f1))"
}

find_libtorch() {
  if [[ -n "${LIBTORCH_DIR:-}" ]]; then echo "$LIBTORCH_DIR"; return; fi
  local torch_lib
  if torch_lib="$(python3 -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib"))' 2>/dev/null)"; then
    echo "$torch_lib"; return
  fi
  local nuget="${NUGET_PACKAGES:-$HOME/.nuget/packages}/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native"
  if [[ -f "$nuget/libtorch_cpu.so" ]]; then echo "$nuget"; return; fi
  return 1
}

# Largest GPU memory (MiB) nvidia-smi reports for process $1 while it runs.
watch_gpu_memory() {
  local pid="$1" peak=0 used
  while kill -0 "$pid" 2>/dev/null; do
    used="$(nvidia-smi --query-compute-apps=pid,used_memory --format=csv,noheader,nounits 2>/dev/null \
      | awk -F', *' -v p="$pid" '$1 == p { print $2 }' | head -1)"
    [[ -n "$used" && "$used" -gt "$peak" ]] && peak="$used"
    sleep 0.5
  done
  echo "$peak"
}

# Runs the CLI with the arguments; on cuda samples the GPU memory of the process into $1.
run_cli() {
  local memory_file="$1" device="$2"; shift 2
  "$bundle/app/asclepius" "$@" &
  local pid=$!
  if [[ "$device" == cuda ]] && command -v nvidia-smi >/dev/null; then watch_gpu_memory "$pid" > "$memory_file" & fi
  wait "$pid"
  wait
}

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$@"; }

run() {
  [[ -x "$bundle/app/asclepius" ]] || { echo "no published CLI at $bundle/app: run 'bash bench/gpu.sh prepare' first" >&2; exit 1; }
  local libtorch
  libtorch="$(find_libtorch)" || { echo "no libtorch found: set LIBTORCH_DIR to a folder with libtorch_cpu.so (PyTorch's torch/lib)" >&2; exit 1; }
  export LD_LIBRARY_PATH="$libtorch${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
  local epochs="${EPOCHS:-3}" seed="${SEED:-1}" cores; cores="$(nproc)"
  local cpu_threads="${CPU_THREADS:-$(( cores < 4 ? cores : 4 ))}"
  local out="${OUT:-$bundle/results}" data="$bundle/data"
  mkdir -p "$out"
  echo "== machine: $cores cores, $(date -u +%FT%TZ), libtorch from $libtorch"
  "$bundle/app/asclepius" doctor | tee "$out/doctor.txt"
  local devices=(cpu)
  if "$bundle/app/asclepius" doctor --device cuda >/dev/null 2>&1; then
    devices=(cuda cpu)
  else
    echo "== no GPU: CUDA is not usable with this libtorch on this machine (asclepius doctor above); the cuda rows are not run"
  fi

  local d threads
  for d in "${devices[@]}"; do
    threads=$([[ "$d" == cuda ]] && echo 1 || echo "$cpu_threads")
    echo "== train on $d ($epochs epochs, $threads worker(s))"
    run_cli "$out/gpu-memory-train-$d.txt" "$d" train ner --backend bilstm-crf --device "$d" --epochs "$epochs" --seed "$seed" \
      --threads "$threads" --train "$data/CDR_TrainingSet.PubTator.txt" --dev "$data/CDR_DevelopmentSet.PubTator.txt" \
      --out "$out/model-$d.zip" > "$out/train-$d.log"
    tail -3 "$out/train-$d.log"
    echo "== label the test set on $d"
    run_cli "$out/gpu-memory-label-$d.txt" "$d" evaluate --model "$out/model-$d.zip" --device "$d" \
      --gold "$data/CDR_TestSet.PubTator.txt" --json "$out/test-$d.json" > "$out/label-$d.log"
  done
  if [[ " ${devices[*]} " == *" cuda "* ]]; then
    echo "== the GPU-trained model labels the test set on the CPU"
    "$bundle/app/asclepius" evaluate --model "$out/model-cuda.zip" --device cpu --gold "$data/CDR_TestSet.PubTator.txt" \
      --json "$out/test-cuda-model-on-cpu.json" > "$out/label-cuda-model-on-cpu.log"
  fi

  local gpu_name; gpu_name="$(grep -m1 '^GPU 0: ' "$out/doctor.txt" | cut -d' ' -f3- || true)"
  {
    printf '%-6s %-8s %8s %10s %14s %8s %16s\n' device threads epochs "s/epoch" "label tok/s" "test F1" "peak GPU MiB"
    for d in "${devices[@]}"; do
      threads=$([[ "$d" == cuda ]] && echo 1 || echo "$cpu_threads")
      local metrics s_epoch tps f1 mem="-"
      metrics="$(unzip -p "$out/model-$d.zip" metrics.json)"
      s_epoch="$(python3 -c "import json,sys; h=json.loads(sys.stdin.read())['training']['history']; print(f'{sum(e[\"seconds\"] for e in h)/len(h):.1f}')" <<< "$metrics")"
      tps="$(json "$out/test-$d.json" "round(d['model']['tokens_per_second'])")"
      f1="$(json "$out/test-$d.json" "f\"{d['entities']['micro']['f1']:.4f}\"")"
      if [[ "$d" == cuda ]]; then
        mem="$(sort -n "$out"/gpu-memory-*-cuda.txt 2>/dev/null | tail -1)"; mem="${mem:-?}"
      fi
      printf '%-6s %-8s %8s %10s %14s %8s %16s\n' "$d" "$threads" "$epochs" "$s_epoch" "$tps" "$f1" "$mem"
    done
    if [[ -f "$out/test-cuda-model-on-cpu.json" ]]; then
      echo "GPU-trained model labeled on the CPU: test F1 $(json "$out/test-cuda-model-on-cpu.json" "f\"{d['entities']['micro']['f1']:.4f}\"")"
    fi
    echo "GPU: ${gpu_name:-none}; libtorch: $libtorch; $cores cores; seed $seed"
  } | tee "$out/table.txt"
}

case "$step" in
  prepare) prepare ;;
  run) run ;;
  all) prepare; run ;;
  *) echo "usage: bash bench/gpu.sh [prepare|run]" >&2; exit 2 ;;
esac
