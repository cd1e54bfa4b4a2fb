#!/usr/bin/env bash
# All cores of one machine: the default sentiment model (`seq4j sentiment train` defaults) on the first N
# SST-2 GLUE phrases (dev = the sentence-level dev), EPOCHS epochs each, in one run:
#   default            one model, OpenMP on all cores (seq4j's default thread policy)
#   1 worker, 1 thread one model, OMP_NUM_THREADS=1
#   W workers x 1 thr. --workers W (ParallelWrapper, averaging every AVERAGING batches), one thread each
#   W workers, default --workers W with OpenMP on all cores in each
# Prints training tokens/s, the ratio to the default, and dev accuracy (averaging changes the optimisation).
#   bash bench/scale.sh           N=20000 EPOCHS=1 W=$(nproc) AVERAGING=5
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/sst2
OUT=target/bench-scale
mkdir -p "$OUT"
N="${N:-20000}"; W="${W:-$(nproc)}"
head -n "$((N + 1))" "$DATA/glue/train.tsv" > "$OUT/train.tsv"          # a slice at run time, never committed
./seq4j info >/dev/null
run() {   # name, launcher options..., -- train options...
  local name="$1"; shift
  local pre=()
  while [ "$1" != "--" ]; do pre+=("$1"); shift; done
  shift
  echo "== $name" >&2
  ./seq4j "${pre[@]}" sentiment train --train "$OUT/train.tsv" --dev "$DATA/stsa_binary/stsa.binary.dev" --epochs "${EPOCHS:-1}" \
      --out "$OUT/$name.zip" "$@" --json > "$OUT/$name.json" 2> "$OUT/$name.log"
}
run default --
run one-thread --threads 1 --
run workers-1t --threads 1 -- --workers "$W" --averaging "${AVERAGING:-5}"
run workers --  --workers "$W" --averaging "${AVERAGING:-5}"
python3 - "$OUT" "$N" "$W" <<'PY'
import json, sys
out, n, w = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names = [("default", "default (one model, all cores)"), ("one-thread", "1 worker, 1 thread"),
         ("workers-1t", f"{w} workers x 1 thread"), ("workers", f"{w} workers, default threads")]
rows = {k: json.load(open(f"{out}/{k}.json")) for k, _ in names}
base = rows["default"]["train_tokens_per_s"]
print(f"SST-2, first {n} GLUE phrases, seq4j sentiment defaults, {int(rows['default']['epochs'])} epoch(s)")
print("%-32s %10s %12s %8s %8s" % ("setting", "train_s", "tokens/s", "ratio", "dev_acc"))
for k, label in names:
    r = rows[k]
    print("%-32s %10.1f %12.0f %7.2fx %8.4f" % (label, r["train_seconds"], r["train_tokens_per_s"], r["train_tokens_per_s"] / base, r["dev_accuracy"]))
PY
