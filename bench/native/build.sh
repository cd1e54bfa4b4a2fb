#!/usr/bin/env bash
# Builds seq4j's native reference programs into $1 (default: target/bench-native).
# Needs (Debian 12): apt-get install -y g++ libdnnl-dev
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"; OUT="${1:-target/bench-native}"; mkdir -p "$OUT"
for p in dnnl_lstm_bench dnnl_lstm_gradcheck; do
  g++ -O2 -std=c++17 -o "$OUT/$p" "$SRC/$p.cpp" -ldnnl -fopenmp
done
echo "built $OUT/dnnl_lstm_bench $OUT/dnnl_lstm_gradcheck"
