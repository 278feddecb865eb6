#!/usr/bin/env bash
# AdamW's kernels on the same models, interleaved (djl, B, djl, B, ...): DJL's fused adamUpdate against PyTorch's own
# AdamW step run as TorchScript (ai.fastdjl.optim.AdamWScript), B = torchscript (one parameter per call, through
# DJL's Trainer.step) or torchscript-all (every parameter in one call, Trainer.step bypassed; KERNEL=... picks it).
# Medians and the median of the pairs' ratios; each run's loss trend too (a faster step that computes something
# else is not faster).
#   [KERNEL=torchscript-all] tests/bench/optimizer_ab.sh [RUNS] [MODELS...]   e.g. tests/bench/optimizer_ab.sh 5 dotbias cnn
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; shift || true
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(dotbias cnn)
kernel=${KERNEL:-torchscript}
mvn -q -pl tests -am install -DskipTests
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
cp="tests/target/classes:$(cat tests/target/bench-cp.txt)"
# the same settings as run.sh: 2 intra-op threads, glibc malloc keeping tensors on its heap
export OMP_NUM_THREADS=2 OPT_OUT_TRACKING=true DJL_CACHE_DIR=$PWD/.djl-cache
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728
out=$(mktemp)
for m in "${models[@]}"; do
  for r in $(seq "$runs"); do
    for k in djl "$kernel"; do
      java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -Dai.djl.pytorch.num_threads=2 \
        -Dai.djl.pytorch.num_interop_threads=1 -DDJL_CACHE_DIR="$DJL_CACHE_DIR" -cp "$cp" \
        ai.fastdjl.bench.ModelBench --model "$m" --optimizer "$k" 2>/dev/null | grep '^{' | tee -a "$out"
    done
  done
done
/usr/bin/python3 - "$out" "$kernel" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
k = sys.argv[2]
print(f"| model | djl samples/s | {k} samples/s | {k}/djl (median of pairs) | loss first → last, djl / {k} |")
print("| --- | --- | --- | --- | --- |")
for m in dict.fromkeys(r["model"] for r in rows):
    a = [r for r in rows if r["model"] == m and r["optimizer"] == "djl"]
    b = [r for r in rows if r["model"] == m and r["optimizer"] == k]
    ratios = [y["samples_per_sec"] / x["samples_per_sec"] for x, y in zip(a, b)]
    med = statistics.median
    trend = lambda v: f"{med([r['loss_first'] for r in v]):.3f} → {med([r['loss_last'] for r in v]):.3f}"
    print(f"| {m} | {med([r['samples_per_sec'] for r in a]):.0f} | {med([r['samples_per_sec'] for r in b]):.0f} | "
          f"{med(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) | {trend(a)} / {trend(b)} |")
PY
