#!/usr/bin/env bash
# Sentiment on the real corpora in ../shared/data, seq4j with its defaults vs the bag-of-words
# baselines vs a PyTorch model of the same architecture (bench/torch_sentiment.py), in one run:
#   SST-2: train on the GLUE phrase-level train (67,349 phrases), dev = sentence-level dev (872),
#          test = the labelled sentence-level test (stsa.binary.test, 1,821);
#   IMDB:  train on aclImdb train (25,000 reviews; a stratified 10% held out as dev), test on test (25,000).
# Prints test accuracy for every model, training time and tokens/s, and the seq4j/PyTorch
# throughput ratio (PyTorch at its best thread count, measured on SST-2 with 1 and 2 threads).
#   bash bench/sentiment.sh [sst|imdb|all]     (IMDB's PyTorch run uses the thread count fastest on SST-2; TORCH_THREADS overrides)
#   PyTorch trains fully (8 epochs, early stopping, test accuracy) on SST-2 at TORCH_FULL_THREADS (default 1, its
#   fastest setting here); at other thread counts it runs a throughput probe: one epoch of TORCH_PROBE_BATCHES (300)
#   batches. On IMDB it is a probe by default, TORCH_IMDB_BATCHES (200) batches (a full run takes hours at this speed);
#   TORCH_IMDB_BATCHES=0 trains it fully for its accuracy.
#       (needs python3-torch for the peer: skipped with a note if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
OUT=target/bench-sentiment
mkdir -p "$OUT"
WHICH="${1:-all}"
./seq4j info >/dev/null

best_torch_threads() {   # the PyTorch thread count with the highest training tokens/s on a set (2 if unmeasured)
  python3 - "$OUT" "$1" <<'PY'
import glob, json, sys
runs = [json.load(open(f)) for f in glob.glob(f"{sys.argv[1]}/{sys.argv[2]}.torch*.json")]
print(max(runs, key=lambda r: r["train_tokens_per_s"])["threads"] if runs else 2)
PY
}

run_set() {   # name, train, dev (or 'holdout'), test, format options..., then '--' and the torch format
  local name="$1" train="$2" dev="$3" test="$4"; shift 4
  local opts=() torchfmt
  while [ "$1" != "--" ]; do opts+=("$1"); shift; done
  torchfmt="$2"
  local devopt=()
  [ "$dev" != holdout ] && devopt=(--dev "$dev")
  echo "== $name: seq4j (defaults)" >&2
  /usr/bin/time -f "%M" -o "$OUT/$name.rss" ./seq4j sentiment train --train "$train" "${devopt[@]}" --test "$test" "${opts[@]}" \
      --out "$OUT/$name.zip" --json > "$OUT/$name.seq4j.json" 2> "$OUT/$name.seq4j.log"
  echo "== $name: bag-of-words baselines" >&2
  ./seq4j sentiment baseline --train "$train" --test "$test" "${opts[@]}" --json > "$OUT/$name.bow2.json" 2>/dev/null
  ./seq4j sentiment baseline --train "$train" --test "$test" "${opts[@]}" --ngrams 1 --json > "$OUT/$name.bow1.json" 2>/dev/null
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    local threads="${TORCH_THREADS:-1 2}"
    # IMDB is long: it runs PyTorch only at the thread count that was fastest on SST-2 in this run.
    [ "$name" = imdb ] && [ -z "${TORCH_THREADS:-}" ] && threads="$(best_torch_threads sst2)"
    for t in $threads; do
      echo "== $name: PyTorch, $t thread(s)" >&2
      local probe=() epochs=8
      if [ "$name" = imdb ]; then
        [ "${TORCH_IMDB_BATCHES:-200}" != 0 ] && probe=(MAX_BATCHES="${TORCH_IMDB_BATCHES:-200}") && epochs=1
      elif [ "$t" != "${TORCH_FULL_THREADS:-1}" ]; then
        probe=(MAX_BATCHES="${TORCH_PROBE_BATCHES:-300}") && epochs=1
      fi
      env "${probe[@]}" /usr/bin/python3 bench/torch_sentiment.py "$torchfmt" "$train" "$dev" "$test" "$t" "$epochs" \
          > "$OUT/$name.torch$t.json" 2> "$OUT/$name.torch$t.log" || rm -f "$OUT/$name.torch$t.json"
    done
  else
    echo "(PyTorch peer skipped: apt-get install -y python3-torch)" >&2
  fi
}

if [ "$WHICH" = sst ] || [ "$WHICH" = all ]; then
  run_set sst2 "$DATA/sst2/glue/train.tsv" "$DATA/sst2/stsa_binary/stsa.binary.dev" "$DATA/sst2/stsa_binary/stsa.binary.test" -- glue
fi
if [ "$WHICH" = imdb ] || [ "$WHICH" = all ]; then
  run_set imdb "$DATA/imdb_aclImdb/train.tsv.gz" holdout "$DATA/imdb_aclImdb/test.tsv.gz" --text-column text --label-column label -- imdb
fi

python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
def load(p):
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else None
print("%-6s %-34s %9s %9s %12s %8s" % ("data", "model", "test_acc", "train_s", "train_tok/s", "ratio"))
for name in ("sst2", "imdb"):
    s = load(f"{out}/{name}.seq4j.json")
    if not s:
        continue
    torch = [t for t in (load(f) for f in sorted(glob.glob(f"{out}/{name}.torch*.json"))) if t]
    best = max(torch, key=lambda t: t["train_tokens_per_s"]) if torch else None
    rss = open(f"{out}/{name}.rss").read().split()[-1] if os.path.exists(f"{out}/{name}.rss") else "?"
    ratio = s["train_tokens_per_s"] / best["train_tokens_per_s"] if best else float("nan")
    print("%-6s %-34s %9.4f %9.0f %12.0f %7.2fx   (peak RSS %s MB)" % (name, "seq4j defaults (%s pooling)" % s["config"]["pooling"].lower(), s["test"]["accuracy"],
          s["train_seconds"], s["train_tokens_per_s"], ratio, int(rss) // 1024 if rss.isdigit() else rss))
    for t in torch:
        acc = "%9.4f" % t["test_accuracy"] if not t.get("probe_batches") else "%9s" % ("(%d b.)" % t["probe_batches"])
        print("%-6s %-34s %s %9.0f %12.0f" % (name, "pytorch same model, %d thread(s)" % t["threads"], acc,
              t["train_seconds"], t["train_tokens_per_s"]))
    for n in (1, 2):
        b = load(f"{out}/{name}.bow{n}.json")
        if b:
            for k, v in b.items():
                print("%-6s %-34s %9.4f %9.1f" % (name, "%s %s" % (k, "unigrams" if n == 1 else "uni+bigrams"), v["accuracy"], v["seconds"]))
PY
