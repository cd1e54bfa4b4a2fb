#!/usr/bin/env bash
# Language models on the real corpora in ../shared/data, in one run:
#   1. tiny-shakespeare: `seq4j lm train --level char` with its defaults (last 10% of the characters
#      = validation, used for early stopping and reported): validation nats/char and bits/char,
#      training time and chars/s, peak RSS; the PyTorch peer of the same model (bench/torch_lm.py,
#      1 and 2 threads, TORCH_EPOCHS epochs, default 1) and the seq4j/PyTorch throughput ratio.
#   2. Brown: a word model (space-lower tokens, vocabulary 15,000, 1 epoch: ~17 min here) and the lectures'
#      P("apple and pear salad") vs P("apple and pair salad").
#   3. Nottingham (ABC_cleaned): a character model over whole tunes (LSTM 256, 10 epochs), then
#      50 sampled tunes: the share that parse as ABC and convert to MIDI.
#   bash bench/lm.sh [shakespeare|brown|nottingham|all]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
OUT=target/bench-lm
mkdir -p "$OUT"
WHICH="${1:-all}"
./seq4j info >/dev/null

if [ "$WHICH" = shakespeare ] || [ "$WHICH" = all ]; then
  echo "== tiny-shakespeare: seq4j lm train --level char (defaults)" >&2
  /usr/bin/time -f "%M" -o "$OUT/shakespeare.rss" ./seq4j lm train --data "$DATA/tiny_shakespeare/input.txt" \
      --out "$OUT/shakespeare.zip" --json > "$OUT/shakespeare.seq4j.json" 2> "$OUT/shakespeare.seq4j.log"
  ./seq4j lm sample --model "$OUT/shakespeare.zip" --prime "ROMEO:" --temperature 0.8 --max-length 400 --seed 1 \
      > "$OUT/shakespeare.sample.txt" 2>/dev/null
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for t in ${TORCH_THREADS:-1 2}; do
      echo "== tiny-shakespeare: PyTorch, $t thread(s), ${TORCH_EPOCHS:-1} epoch(s)" >&2
      /usr/bin/python3 bench/torch_lm.py "$DATA/tiny_shakespeare/input.txt" "$t" "${TORCH_EPOCHS:-1}" \
          > "$OUT/shakespeare.torch$t.json" 2> "$OUT/shakespeare.torch$t.log" || rm -f "$OUT/shakespeare.torch$t.json"
    done
  else
    echo "(PyTorch peer skipped: apt-get install -y python3-torch)" >&2
  fi
fi

if [ "$WHICH" = brown ] || [ "$WHICH" = all ]; then
  echo "== Brown: word model" >&2
  ./seq4j lm train --data "$DATA/brown_corpus/brown_sentences.txt" --level word --tokenizer space-lower \
      --set maxVocab=15000 --epochs 1 --out "$OUT/brown.zip" --json > "$OUT/brown.seq4j.json" 2> "$OUT/brown.seq4j.log"
  ./seq4j lm score --model "$OUT/brown.zip" --json "apple and pear salad" "apple and pair salad" \
      "a pair of shoes" "a pear of shoes" > "$OUT/brown.score.json" 2>/dev/null
fi

if [ "$WHICH" = nottingham ] || [ "$WHICH" = all ]; then
  echo "== Nottingham: character model over ABC tunes" >&2
  ./seq4j lm train --data "$DATA/nottingham/ABC_cleaned" --samples abc --units 256 --epochs 10 \
      --out "$OUT/nottingham.zip" --json > "$OUT/nottingham.seq4j.json" 2> "$OUT/nottingham.seq4j.log"
  rm -rf "$OUT/tunes"
  ./seq4j lm sample --model "$OUT/nottingham.zip" --count 50 --temperature 0.8 --max-length 2000 --seed 1 \
      --abc-dir "$OUT/tunes" --json > "$OUT/nottingham.samples.jsonl" 2> "$OUT/nottingham.sample.log"
fi

python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
def load(p):
    return json.load(open(p)) if os.path.exists(p) and os.path.getsize(p) else None
s = load(f"{out}/shakespeare.seq4j.json")
if s:
    torch = [t for t in (load(f) for f in sorted(glob.glob(f"{out}/shakespeare.torch*.json"))) if t]
    best = max(torch, key=lambda t: t["train_tokens_per_s"]) if torch else None
    rss = open(f"{out}/shakespeare.rss").read().split()[-1]
    print("tiny-shakespeare (validation = last 10%)")
    print("%-36s %10s %10s %8s %8s %12s %8s" % ("model", "val_nats", "val_bits", "epochs", "train_s", "train_chr/s", "ratio"))
    print("%-36s %10.4f %10.4f %8d %8.0f %12.0f %7.2fx   (peak RSS %d MB)" % ("seq4j char LSTM 512 (defaults)", s["loss_nats"],
          s["bits_per_char"], s["epochs"], s["train_seconds"], s["train_tokens_per_s"],
          s["train_tokens_per_s"] / best["train_tokens_per_s"] if best else float("nan"), int(rss) // 1024))
    for t in torch:
        print("%-36s %10.4f %10.4f %8d %8.0f %12.0f" % ("pytorch same model, %d thread(s)" % t["threads"], t["val_loss_nats"],
              t["val_bits_per_char"], t["epochs"], t["train_seconds"], t["train_tokens_per_s"]))
b = load(f"{out}/brown.seq4j.json")
if b:
    print("\nBrown word model: validation %.4f nats/word (perplexity %.1f), %.0f s, %.0f words/s" % (b["loss_nats"], b["perplexity"],
          b["train_seconds"], b["train_tokens_per_s"]))
    for line in open(f"{out}/brown.score.json"):
        r = json.loads(line)
        print("  log P(%s) = %.3f" % (r["text"], r["log_prob"]))
n = load(f"{out}/nottingham.seq4j.json")
if n:
    samples = [json.loads(l) for l in open(f"{out}/nottingham.samples.jsonl")]
    ok = sum(1 for x in samples if x.get("abc_error") is None)
    print("\nNottingham char model over tunes: validation %.4f nats/char, %.0f s; %d of %d sampled tunes parse as ABC and convert to MIDI (%.0f%%)"
          % (n["loss_nats"], n["train_seconds"], ok, len(samples), 100.0 * ok / len(samples)))
PY
