#!/usr/bin/env bash
# Lesson 1's U-Net against its PyTorch peer on the same scenes: ai.fastdjl.bench.SceneExport --segmentation writes
# the arrays Segmentation trains on (its defaults: 5,000 training and 500 validation scenes, seed 42), unet_peer.py
# trains the same U-Net and the same encoder-decoder without skips with the same budget and scores mean IoU the same
# way. Compare its JSON lines with `./fastdjl Segmentation` (run it alone: the two share the machine's 2 cores).
#   tests/bench/unet_peer.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c "import torch, numpy" 2>/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch; }
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread; }
mvn -q -pl tests -am install -DskipTests
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
data=tests/target/unet-scenes
# the JVM settings of run.sh: offline DJL, no cloud-metadata call, the project's engine cache
OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -DDJL_CACHE_DIR="$PWD/.djl-cache" \
  -cp "tests/target/classes:$(cat tests/target/bench-cp.txt)" ai.fastdjl.bench.SceneExport --segmentation \
  --train 5000 --valid 500 --out "$data"
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
"$py" tests/bench/unet_peer.py --data "$data" --epochs "${1:-3}"
