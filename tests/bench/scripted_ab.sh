#!/usr/bin/env bash
# Where does fastdjl's gap to PyTorch live: in DJL and this project's Java, or in the native library? Four sides per
# model, interleaved (a round runs each once, in turn), with run.sh's settings:
#   fastdjl         ModelBench: the model as the lessons train it (Learner, DJL blocks, one native call per op)
#   djl-script      ScriptedStep: the whole training step scripted with PyTorch, run by DJL's libtorch 2.7.1 in ONE
#                   native call per batch (no Java, no DJL operator between the ops)
#   pytorch-script  scripted_step.py time: the same file run by Debian's PyTorch 1.13
#   pytorch         torch_bench.py: eager PyTorch, as run.sh's peer
# djl-script / pytorch-script is the two libtorch builds on identical ops: the part of the gap that no change in
# this project reaches. fastdjl / djl-script is what fastdjl's layer above libtorch (Java, DJL, the Learner) keeps of
# its libtorch's speed, pytorch / pytorch-script what PyTorch's layer (Python, eager dispatch) keeps of its own; their
# quotient compares the two layers. Per round, fastdjl / pytorch = (builds) × (layers), exactly: where the layers'
# quotient is 1 or more, the whole gap is the builds'.
#   tests/bench/scripted_ab.sh [RUNS] [MODELS...]     e.g. tests/bench/scripted_ab.sh 5 cnn dotbias
#   (cnn, mlp, dotbias, unet, ssd; the last two read the scenes tests/bench/run.sh exports: run it once first)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; shift || true
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(cnn dotbias)
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c "import torch" 2>/dev/null || { echo "scripted_ab.sh: Debian's python3-torch is missing; run tests/bench/run.sh once (it installs it)" >&2; exit 2; }
mvn -q -pl tests -am install -DskipTests
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
cp="tests/target/classes:$(cat tests/target/bench-cp.txt)"
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 OPT_OUT_TRACKING=true DJL_CACHE_DIR=$PWD/.djl-cache
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728
jvm=(java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -Dai.djl.pytorch.num_threads=2
  -Dai.djl.pytorch.num_interop_threads=1 -DDJL_CACHE_DIR="$DJL_CACHE_DIR" -cp "$cp")
out=$(mktemp); dir=$(mktemp -d)
for m in "${models[@]}"; do
  "$py" tests/bench/scripted_step.py build "$m" "$dir/$m.pt"
  scenes=$PWD/tests/target/bench-scenes-$m  # unet, ssd: what run.sh's SceneExport wrote
  for r in $(seq "$runs"); do
    side() { grep '^{' | sed "s/^{/{\"side\": \"$1\", /" >> "$out"; }
    "${jvm[@]}" ai.fastdjl.bench.ModelBench --model "$m" 2>/dev/null | side fastdjl
    "${jvm[@]}" ai.fastdjl.bench.ScriptedStep --model "$m" --file "$dir/$m.pt" 2>/dev/null | side djl-script
    (cd tests/bench && "$py" scripted_step.py time "$m" "$dir/$m.pt" "$scenes") | side pytorch-script
    "$py" tests/bench/torch_bench.py --model "$m" --data "$scenes" | side pytorch
  done
done
"$py" - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sides = ["fastdjl", "djl-script", "pytorch-script", "pytorch"]
med = statistics.median
def speeds(m, side):
    return [r["samples_per_sec"] for r in rows if r["model"] == m and r["side"] == side]
def show(v):
    return f"{med(v):.2f} ({min(v):.2f}-{max(v):.2f})"
def ratios(m, a, b):  # per round, in the order the rounds ran
    return [p / q for p, q in zip(speeds(m, a), speeds(m, b))]
print("| model | " + " | ".join(f"{s} samples/s" for s in sides) + " | djl-script / pytorch-script (libtorch builds) "
      "| fastdjl / djl-script (fastdjl's layer) | pytorch / pytorch-script (PyTorch's layer) | fastdjl's layer / "
      "PyTorch's | fastdjl / pytorch | every run finite, loss first → last (median) |")
print("| --- " * 11 + "|")
for m in dict.fromkeys(r["model"] for r in rows):
    got = {s: [r for r in rows if r["model"] == m and r["side"] == s] for s in sides}
    trend = "; ".join(f"{s} {'yes' if all(r['finite'] for r in v) else 'NO'} {med([r['loss_first'] for r in v]):.3f}"
                      f" → {med([r['loss_last'] for r in v]):.3f}" for s, v in got.items())
    ours, theirs = ratios(m, "fastdjl", "djl-script"), ratios(m, "pytorch", "pytorch-script")
    print(f"| {m} (median of {len(got['fastdjl'])}) | " + " | ".join(f"{med([r['samples_per_sec'] for r in v]):,.0f}"
          for v in got.values()) + f" | {show(ratios(m, 'djl-script', 'pytorch-script'))} | {show(ours)} | "
          f"{show(theirs)} | {show([a / b for a, b in zip(ours, theirs)])} | {show(ratios(m, 'fastdjl', 'pytorch'))} "
          f"| {trend} |")
PY
rm -rf "$dir" "$out"
