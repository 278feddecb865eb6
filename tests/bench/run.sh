#!/usr/bin/env bash
# fastdjl vs PyTorch, the same models on the same machine, interleaved (A B A B ...), medians and ratios.
#   tests/bench/run.sh [RUNS] [MODELS...]      e.g. tests/bench/run.sh 5 cnn mlp  (default: all nine models)
# Installs Debian's python3-torch if missing, builds the project, writes tests/bench/RESULTS.md.
# Not a test: numbers depend on the machine; quote medians and ratios from one run.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}; shift || true
models=("$@"); [ ${#models[@]} -gt 0 ] || models=(cnn mlp dotbias tabular awdlstm dcgan unet ssd seq2seq)
# Debian's python3-torch installs for the system interpreter, which another python3 on PATH may shadow
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c "import torch" 2>/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch; }
# Debian's torch calls the system BLAS; with only the reference libblas3 installed its matrix products run 5-18x
# slower (measured: MLP 6,900 vs 91,600 samples/s). OpenBLAS takes over libblas.so.3 through alternatives.
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread; }
# a throughput of wrong arithmetic measures nothing: both sides' kernels checked against float64 first (the fastdjl
# side's check also picks its CPU setting, which every JVM below then reads from the cache)
"$py" tests/bench/torch_numerics.py 2
mvn -q -pl tests -am install -DskipTests
mvn -q -pl shared package -DskipTests -Pdoctor
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
cp="tests/target/classes:$(cat tests/target/bench-cp.txt)"
# both sides: 2 intra-op threads, BLAS pinned to 2 so neither oversubscribes the 2 cores
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 OPT_OUT_TRACKING=true DJL_CACHE_DIR=$PWD/.djl-cache
# both sides: glibc malloc keeps tensors under 32 MiB on its heap instead of fresh mmap'd pages per op (the pom's
# fastdjl.malloc.* properties say why); without it a run could be 1.7x slower by chance, on either side
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=134217728
# opt-in (AMD CPUs): let the MKL inside DJL's libtorch use its fast kernels on the fastdjl side; see mkl_intel_cpu.c
djl_env=()
if [ "${FASTDJL_MKL_INTEL_CPU:-0}" = 1 ]; then
  cc -shared -fPIC -O2 -o tests/target/libmkl_intel_cpu.so tests/bench/mkl_intel_cpu.c
  djl_env=(env "LD_PRELOAD=$PWD/tests/target/libmkl_intel_cpu.so")
fi
jvm=("${djl_env[@]}" java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -Dai.djl.pytorch.num_threads=2 -Dai.djl.pytorch.num_interop_threads=1 -DDJL_CACHE_DIR="$DJL_CACHE_DIR" -cp "$cp")
# the U-Net and the SSD train on lesson 1's scenes: ModelBench draws them itself, the PyTorch side reads the same
# arrays from SceneExport (a pool of 200 batches of 32 and of 64 scenes)
for m in "${models[@]}"; do
  case $m in
    unet) "${jvm[@]}" ai.fastdjl.bench.SceneExport --segmentation --train 6400 --valid 1 \
            --out tests/target/bench-scenes-unet >/dev/null ;;
    ssd) "${jvm[@]}" ai.fastdjl.bench.SceneExport --train 12800 --valid 1 --out tests/target/bench-scenes-ssd >/dev/null ;;
  esac
done
out=$(mktemp)
for m in "${models[@]}"; do
  for r in $(seq "$runs"); do
    "${jvm[@]}" ai.fastdjl.bench.ModelBench --model "$m" 2>/dev/null | grep '^{' | sed 's/^{/{"side": "djl", /' >> "$out"
    "$py" tests/bench/torch_bench.py --model "$m" --data "tests/target/bench-scenes-$m" | sed 's/^{/{"side": "pytorch", /' >> "$out"
  done
done
"$py" - "$out" "$runs" "$*" <<'PY'
import json, os, platform, statistics, subprocess, sys, datetime
rows = [json.loads(l) for l in open(sys.argv[1])]
runs = int(sys.argv[2])
torch_v = next((r["torch"] for r in rows if "torch" in r), "?")
java_v = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
info = {}
for l in open("/proc/cpuinfo"):  # the first processor's fields: CPUs of one model name differ by family and model
    k, _, v = l.partition(":")
    info.setdefault(k.strip(), v.strip())
cpu = (f"{info.get('model name', platform.processor())}, family {info.get('cpu family', '?')} model "
       f"{info.get('model', '?')}{', AVX-512' if 'avx512f' in info.get('flags', '').split() else ''}")
lines = ["# fastdjl vs PyTorch: training throughput", "",
         f"Machine: {cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores; "
         f"{java_v}; DJL 0.36.0 with PyTorch 2.7.1 (CPU); PyTorch {torch_v} (Debian python3-torch). "
         f"Both sides: 2 intra-op threads, BLAS pinned to 2; batch 128 (language model: 64 rows × ~70 tokens, so its "
         f"rate is tokens/s; DCGAN: images/s, batches alternating critic and generator steps; U-Net 32 and SSD 64 "
         f"of lesson 1's 64 px scenes, the lessons' own batches, the same arrays on both sides; the spelling "
         f"encoder-decoder 128 words of 7 sounds, gradient norm clipped at 1 as lesson 3); AdamW (fastai "
         f"defaults, no decay on biases and BatchNorm), constant lr 1e-3 (dotbias 5e-3, lesson 2's); synthetic data "
         f"with learnable targets (ModelBench's BenchData, torch_bench.py's data), so each run's loss must fall; "
         f"warm-up then timed batches, the same on both sides: 1,000 + 1,000 (MLP, EmbeddingDotBias, tabular), "
         f"200 + 200 (ResNet, DCGAN, SSD, seq2seq), 100 + 100 (U-Net), 5 + 40 (AWD-LSTM), data cycled from a pool of 200 "
         f"batches; "
         f"{runs} runs each, "
         f"alternated. Date: {datetime.date.today()}."
         + (" fastdjl side: MKL told it runs on an Intel CPU (`FASTDJL_MKL_INTEL_CPU=1`, `mkl_intel_cpu.c`)."
            if os.environ.get("FASTDJL_MKL_INTEL_CPU") == "1" else ""), "",
         "Command: `" + ("FASTDJL_MKL_INTEL_CPU=1 " if os.environ.get("FASTDJL_MKL_INTEL_CPU") == "1" else "")
         + "tests/bench/run.sh " + str(runs) + (" " + sys.argv[3] if sys.argv[3] else "") + "`", "",
         "| model | fastdjl samples/s (median) | PyTorch samples/s (median) | ratio fastdjl/PyTorch (median of pairs) | peak RSS fastdjl / PyTorch (MB) | training loss, first → last quarter of the timed batches, fastdjl / PyTorch (every run finite and falling?) |",
         "| --- | --- | --- | --- | --- | --- |"]
def trend(side, model):
    """The median run's loss trend, and whether every run of this side was finite and, but for the GAN (an
    adversarial loss need not fall), falling."""
    mid = sorted(side, key=lambda r: r["loss_last"])[len(side) // 2]
    ok = all(r["finite"] and (model == "dcgan" or r["loss_last"] < r["loss_first"]) for r in side)
    what = "finite" if model == "dcgan" else "finite, falling"
    return f"{mid['loss_first']:.3f} → {mid['loss_last']:.3f} ({what if ok else 'NO'})"
for m in dict.fromkeys(r["model"] for r in rows):
    d = [r for r in rows if r["model"] == m and r["side"] == "djl"]
    p = [r for r in rows if r["model"] == m and r["side"] == "pytorch"]
    ratios = [a["samples_per_sec"] / b["samples_per_sec"] for a, b in zip(d, p)]
    med = lambda v: statistics.median(v)
    lines.append(f"| {m} | {med([r['samples_per_sec'] for r in d]):.0f} | {med([r['samples_per_sec'] for r in p]):.0f} | "
                 f"{med(ratios):.2f} (min {min(ratios):.2f}, max {max(ratios):.2f}) | "
                 f"{med([r['peak_rss_mb'] for r in d]):.0f} / {med([r['peak_rss_mb'] for r in p]):.0f} | "
                 f"{trend(d, m)} / {trend(p, m)} |")
open("tests/bench/RESULTS.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
{
  echo
  echo "## The Learner's own cost (lesson 1's ResNet, Learner vs a bare GradientCollector loop)"
  echo
  echo '```'
  "${jvm[@]}" ai.fastdjl.bench.LearnerOverhead --runs "$runs" 2>/dev/null | tail -1
  echo '```'
  echo
  echo "## Native kernels on lesson 2's item table (9,725 × 50), µs per call, fastdjl then PyTorch"
  echo
  echo '```'
  "${jvm[@]}" ai.fastdjl.bench.OpKernels 2>/dev/null | grep 'µs'
  "$py" tests/bench/torch_ops.py
  echo '```'
  echo
  echo "## Memory stability (lesson 1's ResNet, 10 epochs on Fashion-MNIST; resident memory after each epoch)"
  echo
  echo '```'
  "${jvm[@]}" ai.fastdjl.bench.MemoryStability 2>/dev/null | grep -E '^(epoch|growth)'
  echo '```'
} | tee -a tests/bench/RESULTS.md
