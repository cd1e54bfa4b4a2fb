#!/usr/bin/env bash
# Translation on Multi30k (German -> English; ../shared/data/multi30k/tok: the data set's own
# lowercased, Moses-tokenised files), in one run:
#   1. `seq4j translate train` with its defaults on train (val for early stopping), then
#      `seq4j translate eval` on test_2016_flickr with beam 5 (the default) and greedy: corpus BLEU as
#      sacreBLEU computes it (13a; lowercased, and cased, which is the same on this lowercased data),
#      perplexity, training time and target tokens/s, peak RSS.
#   2. The PyTorch peer of the same model and loop (bench/torch_translate.py) for TORCH_EPOCHS epochs
#      (default 1) at 1 and 2 threads (TORCH_THREADS), and the seq4j/PyTorch throughput ratio;
#      TORCH_MAX_BATCHES=N stops each peer epoch after N batches (a throughput probe, no BLEU).
#   SEQ4J_TRAIN_ARGS: extra `translate train` options (e.g. "--epochs 5" for a shorter run).
#   bash bench/translate.sh [seq4j|torch|all]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/multi30k/tok
OUT=target/bench-translate
mkdir -p "$OUT"
WHICH="${1:-all}"
./seq4j info >/dev/null

if [ "$WHICH" = seq4j ] || [ "$WHICH" = all ]; then
  echo "== Multi30k de->en: seq4j translate train (defaults)" >&2
  rm -rf "$OUT/checkpoints"     # a fresh run: a checkpoint left by an earlier one would be resumed
  /usr/bin/time -f "%M" -o "$OUT/train.rss" ./seq4j translate train --data "$DATA/train.lc.norm.tok" --dev "$DATA/val.lc.norm.tok" \
      --src de --tgt en --checkpoint-dir "$OUT/checkpoints" --out "$OUT/model.zip" ${SEQ4J_TRAIN_ARGS:-} --json > "$OUT/train.json" 2> "$OUT/train.log"
  for beam in 5 1; do
    ./seq4j translate eval --model "$OUT/model.zip" --data "$DATA/test_2016_flickr.lc.norm.tok" --src de --tgt en --beam "$beam" \
        --output "$OUT/test.beam$beam.txt" --json > "$OUT/test.beam$beam.json" 2> "$OUT/test.beam$beam.log"
  done
  ./seq4j translate predict --model "$OUT/model.zip" --attention-png "$OUT/attention" \
      "ein mann in einem blauen hemd steht auf einer leiter ." > "$OUT/predict.txt" 2>/dev/null
fi

if [ "$WHICH" = torch ] || [ "$WHICH" = all ]; then
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for t in ${TORCH_THREADS:-1 2}; do
      echo "== Multi30k de->en: PyTorch, $t thread(s), ${TORCH_EPOCHS:-1} epoch(s)" >&2
      HYPOTHESES="$OUT/torch$t.hyp.txt" /usr/bin/python3 bench/torch_translate.py "$DATA" "$t" "${TORCH_EPOCHS:-1}" ${TORCH_MAX_BATCHES:-} \
          > "$OUT/torch$t.json" 2> "$OUT/torch$t.log" || rm -f "$OUT/torch$t.json"
      [ -s "$OUT/torch$t.hyp.txt" ] && ./seq4j translate bleu --hypotheses "$OUT/torch$t.hyp.txt" \
          --references "$DATA/test_2016_flickr.lc.norm.tok.en" --json > "$OUT/torch$t.bleu.json"
    done
  else
    echo "(PyTorch peer skipped: apt-get install -y python3-torch)" >&2
  fi
fi

python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
def load(p):
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else None
s = load(f"{out}/train.json")
torch = [t for t in (load(f) for f in sorted(glob.glob(f"{out}/torch*.json"))) if t]
best = max(torch, key=lambda t: t["target_tokens_per_s"]) if torch else None
print("Multi30k de->en, test_2016_flickr (1,000 sentences)")
print("%-40s %8s %8s %8s %8s %9s %10s %8s" % ("model", "BLEU_lc", "BLEU", "ppl", "epochs", "train_s", "tgt_tok/s", "ratio"))
if s:
    rss = int(open(f"{out}/train.rss").read().split()[-1]) // 1024
    for beam in (5, 1):
        e = load(f"{out}/test.beam{beam}.json")
        if e:
            print("%-40s %8.2f %8.2f %8.3f %8d %9.0f %10.0f %7.2fx" % ("seq4j defaults, beam %d" % beam, e["bleu_lowercase"], e["bleu"],
                  e["perplexity"], s["epochs"], s["train_seconds"], s["train_tokens_per_s"],
                  s["train_tokens_per_s"] / best["target_tokens_per_s"] if best else float("nan")))
    print("  (best epoch %d, validation perplexity %.3f, peak RSS %d MB, %d parameters)" % (s["best_epoch"], s["dev_perplexity"], rss, s["parameters"]))
for t in torch:
    b = load(f"{out}/torch{t['threads']}.bleu.json")       # seq4j's BLEU of the peer's greedy translations
    print("%-40s %8s %8s %8.3f %8d %9.0f %10.0f" % ("pytorch same model, %d thread(s), greedy" % t["threads"],
          "%.2f" % b["bleu_lowercase"] if b else "-", "%.2f" % b["bleu"] if b else "-", t["val_perplexity"], t["epochs"],
          t["train_seconds"], t["target_tokens_per_s"]))
PY
