#!/usr/bin/env bash
# seq4j on Spark vs one machine, same model, same data, same run: `seq4j sentiment train` with its
# default model on the first N phrases of SST-2's GLUE train (dev = the sentence-level dev), for EPOCHS
# epochs, (1) in this JVM and (2) with --spark local[2] (DL4J parameter averaging, two executor threads;
# Spark runs in the same process here, so this measures Spark's overhead and the averaging's effect on
# accuracy, not a cluster's speed-up). Prints training samples/s, tokens/s and dev accuracy of each.
#   bash bench/spark.sh            N=20000 EPOCHS=2 AVERAGING=5 by default
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/sst2
OUT=target/bench-spark
mkdir -p "$OUT"
N="${N:-20000}"
head -n "$((N + 1))" "$DATA/glue/train.tsv" > "$OUT/train.tsv"          # a slice at run time, never committed
./seq4j info >/dev/null
for mode in local spark; do
  opts=()
  [ "$mode" = spark ] && opts=(--spark "local[2]" --averaging "${AVERAGING:-5}" --spark-scratch "$OUT/scratch")
  echo "== SST-2, first $N phrases: $mode" >&2
  ./seq4j sentiment train --train "$OUT/train.tsv" --dev "$DATA/stsa_binary/stsa.binary.dev" --epochs "${EPOCHS:-2}" \
      --out "$OUT/$mode.zip" "${opts[@]}" --json > "$OUT/$mode.json" 2> "$OUT/$mode.log"
done
python3 - "$OUT" "$N" <<'PY'
import json, sys
out, n = sys.argv[1], int(sys.argv[2])
rows = {m: json.load(open(f"{out}/{m}.json")) for m in ("local", "spark")}
print(f"SST-2, first {n} GLUE phrases, {int(rows['local']['epochs'])} epoch(s), seq4j sentiment defaults")
print("%-28s %10s %10s %12s %8s" % ("run", "train_s", "samples/s", "tokens/s", "dev_acc"))
for m, r in rows.items():
    name = "one JVM" if m == "local" else "Spark local[2], averaging"
    print("%-28s %10.1f %10.0f %12.0f %8.4f" % (name, r["train_seconds"], n * r["epochs"] / r["train_seconds"],
          r["train_tokens_per_s"], r["dev_accuracy"]))
print("Spark / one JVM samples/s: %.2fx" % (rows["spark"]["train_tokens_per_s"] / rows["local"]["train_tokens_per_s"]))
PY
