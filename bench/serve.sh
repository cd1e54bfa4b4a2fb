#!/usr/bin/env bash
# seq4j serve under load: one model on localhost, 1, 8 and 64 closed-loop clients (each sends its next
# request when the last is answered), requests/s and p50/p99 latency, against direct single-threaded
# predict calls on the same texts in the same JVM (the vs_direct ratio); then a long run of SOAK
# requests in four quarters checking that nothing is dropped and that neither the settled heap nor the
# resident memory grows from quarter to quarter.
#   bash bench/serve.sh [MODEL.zip TEXTS.txt]     (default: the quickstart's word-order sentiment model and its test sentences)
#   REQUESTS=2000 SOAK=100000 bash bench/serve.sh
# Server and clients share the machine (2 cores here): the numbers are the whole system's.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-serve
mkdir -p "$OUT"
MODEL="${1:-}"
TEXTS="${2:-}"
if [ -z "$MODEL" ]; then
  ./seq4j quickstart --parts word-order --out "$OUT/quickstart" >/dev/null 2>"$OUT/quickstart.log"
  MODEL="$OUT/quickstart/sentiment-word-order.zip"
  cut -f2 "$OUT/quickstart/data/word-order/test.tsv" > "$OUT/texts.txt"
  TEXTS="$OUT/texts.txt"
fi
./seq4j bench serve --model "$MODEL" --input "$TEXTS" --clients 1,8,64 --requests "${REQUESTS:-2000}" --soak "${SOAK:-100000}" \
    > "$OUT/serve.json" 2> "$OUT/serve.log"
python3 - "$OUT/serve.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"model {r['model']} ({r['task']}); direct single-threaded predict: {r['direct_per_s']:.0f} texts/s")
print(f"{'clients':>7} {'requests':>9} {'failures':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs direct':>9}")
for c in r["clients"]:
    print(f"{c['clients']:>7} {c['requests']:>9} {c['failures']:>8} {c['per_s']:>8.0f} {c['p50_ms']:>8.2f} {c['p99_ms']:>8.2f} {c['vs_direct']:>8.2f}x")
if "soak" in r:
    s = r["soak"]
    print(f"soak: {s['requests']} requests from {s['clients']} clients, {s['failures']} failures, {s['per_s']:.0f} req/s, "
          f"p99 {s['p99_ms']:.2f} ms (last quarter)")
    print("  settled heap MiB, start and after each quarter: " + " -> ".join(f"{h:.0f}" for h in s["heap_mib"]))
    print("  resident MiB,     start and after each quarter: " + " -> ".join(f"{m:.0f}" for m in s["rss_mib"]))
PY
