#!/usr/bin/env bash
# Lesson 1's detector against its PyTorch peer on the same scenes: ai.fastdjl.bench.SceneExport writes the arrays
# ObjectDetection trains on (its defaults: 20,000 training and 1,000 validation scenes, seed 42), ssd_peer.py trains
# the same SSD on them with the same budget and scores mAP@0.5 the same way. Compare its JSON line with
# `./fastdjl ObjectDetection` (run it alone: the two share the machine's 2 cores).
#   tests/bench/ssd_peer.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3; [ -x "$py" ] || py=python3
"$py" -c "import torch, numpy" 2>/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch; }
[ -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ] || {
  apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas0-pthread; }
mvn -q -pl tests -am install -DskipTests
mvn -q -pl tests dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$PWD/tests/target/bench-cp.txt"
data=tests/target/ssd-scenes
# the JVM settings of run.sh: offline DJL, no cloud-metadata call, the project's engine cache
OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Dai.djl.util.cuda.fork=true -DDJL_CACHE_DIR="$PWD/.djl-cache" \
  -cp "tests/target/classes:$(cat tests/target/bench-cp.txt)" ai.fastdjl.bench.SceneExport --out "$data"
export OMP_NUM_THREADS=2 MKL_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2
"$py" tests/bench/ssd_peer.py --data "$data" --epochs "${1:-3}"
