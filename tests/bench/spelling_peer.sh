#!/usr/bin/env bash
# Lesson 3's spelling bee against its PyTorch peer on the same words: ai.fastdjl.bench.SpellingExport writes the
# words SpellingBee trains and scores on (its defaults: 30,000 training words, the fixed test split), and
# spelling_peer.py trains the same attention model with the same budget and scores greedy word accuracy the same
# way. Compare its JSON line with `./fastdjl SpellingBee` (run it alone: the two share the machine's 2 cores).
#   tests/bench/spelling_peer.sh [EPOCHS]
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/bench/peer_env.sh
data=tests/target/spelling-words
java_offline ai.fastdjl.bench.SpellingExport --out "$data"
"$py" tests/bench/spelling_peer.py --data "$data" --epochs "${1:-4}"
