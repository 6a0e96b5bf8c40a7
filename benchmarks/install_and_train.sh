#!/usr/bin/env bash
# Fresh install time (new virtual environment, empty package cache), training time and
# model size, as recorded in docs/benchmarks.md. Run from the project root:
#     bash benchmarks/install_and_train.sh
# It works in a temporary copy, so the project's own .venv and models/ stay as they are.
set -euo pipefail
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/wegwijzer"
cd "$work/wegwijzer"
export UV_CACHE_DIR="$work/uv-cache"   # empty cache: every wheel is downloaded again

SECONDS=0
make --no-print-directory .venv/.installed > "$work/install.log" 2>&1
echo "fresh install: $SECONDS s"

make --no-print-directory nlp > "$work/nlp.log" 2>&1
SECONDS=0
make --no-print-directory train > "$work/train.log" 2>&1
echo "training (rasa train, $(nproc) cores): $SECONDS s"
printf 'model size: %s\n' "$(du -h models/wegwijzer.tar.gz | cut -f1)"
printf 'virtual environment size: %s\n' "$(du -sh .venv | cut -f1)"
