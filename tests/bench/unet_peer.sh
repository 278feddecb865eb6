#!/usr/bin/env bash
# Lesson 1's U-Net against its PyTorch peer on the same scenes: ai.fastdjl.bench.SceneExport --segmentation writes
# the arrays Segmentation trains on (its defaults: 5,000 training and 500 validation scenes, seed 42), unet_peer.py
# trains the same U-Net and the same encoder-decoder without skips with the same budget and scores mean IoU the same
# way. Compare its JSON lines with `./fastdjl Segmentation` (run it alone: the two share the machine's 2 cores).
#   tests/bench/unet_peer.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/peer_env.sh
data=tests/target/unet-scenes
java_offline ai.fastdjl.bench.SceneExport --segmentation --train 5000 --valid 500 --out "$data"
"$py" tests/bench/unet_peer.py --data "$data" --epochs "${1:-3}"
