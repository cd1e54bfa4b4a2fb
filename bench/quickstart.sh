#!/usr/bin/env bash
# End-to-end training throughput of the quickstart's models, seq4j vs PyTorch 1.13 on the same
# sentences and the same model (bench/torch_quickstart.py), PyTorch at its best thread count, one run.
#   bash bench/quickstart.sh            (needs python3-torch for the peer)
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=target/bench-quickstart
LENGTHS="${LENGTHS:-20,50}"
json="$(./seq4j quickstart --lengths "$LENGTHS" --out "$OUT" --json 2>/dev/null)"
printf '%-12s %5s %14s %14s %8s %10s %10s\n' cell N seq4j_tok/s torch_tok/s ratio seq4j_acc torch_acc
python3 - "$json" "$OUT/data" <<'PY'
import json, subprocess, sys
results, data = json.loads(sys.argv[1])["results"], sys.argv[2]
for r in results:
    best = None
    for threads in (1, 2):
        try:
            out = subprocess.run(["/usr/bin/python3", "bench/torch_quickstart.py", data, str(r["fillers"]), r["cell"], str(threads)],
                                 capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        except (subprocess.CalledProcessError, FileNotFoundError):
            continue
        t = json.loads(out)
        if best is None or t["train_tokens_per_s"] > best["train_tokens_per_s"]:
            best = t
    ratio = r["train_tokens_per_s"] / best["train_tokens_per_s"] if best else float("nan")
    print("%-12s %5d %14.0f %14s %7.2fx %10.3f %10s" % (r["cell"].lower(), r["fillers"], r["train_tokens_per_s"],
          "%.0f" % best["train_tokens_per_s"] if best else "n/a", ratio, r["test_accuracy"],
          "%.3f" % best["test_accuracy"] if best else "n/a"))
PY
