#!/usr/bin/env bash
# Lesson 1's detector against its PyTorch peer on the same scenes: ai.fastdjl.bench.SceneExport writes the arrays
# ObjectDetection trains on (its defaults: 20,000 training and 1,000 validation scenes, seed 42), ssd_peer.py trains
# the same SSD on them with the same budget and scores mAP@0.5 the same way. Compare its JSON line with
# `./fastdjl ObjectDetection` (run it alone: the two share the machine's 2 cores).
#   tests/bench/ssd_peer.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/peer_env.sh
data=tests/target/ssd-scenes
java_offline ai.fastdjl.bench.SceneExport --out "$data"
"$py" tests/bench/ssd_peer.py --data "$data" --epochs "${1:-3}"
