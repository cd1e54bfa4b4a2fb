#!/usr/bin/env bash
# Named-entity tagging on CoNLL-2003 (../shared/data/conll2003: train 14,041 sentences, dev 3,250
# for early stopping, test 3,453), seq4j with its defaults (BiLSTM 128 + char CNN + CRF, BIOES)
# against a PyTorch model of the same architecture and size (bench/torch_ner.py), in one run.
# Prints test entity F1 (conlleval's rules), training time and tokens/s, and the seq4j/PyTorch
# throughput ratio. PyTorch trains TORCH_EPOCHS epochs (default 3: enough for its speed; its F1 is
# then that of a short run, labelled so) at 1 and 2 threads; the faster setting is the peer.
# The word vectors are seq4j's own word2vec (defaults) on bench/word2vec.sh's corpus from ../shared/data (no GloVe
# here): trained first when target/bench-word2vec/seq4j.bin is missing (about 4 minutes); NO_VECTORS=1 uses
# random embeddings instead.
#   bash bench/ner.sh [extra seq4j ner train options]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/conll2003
OUT=target/bench-ner
mkdir -p "$OUT"
./seq4j info >/dev/null
VECTORS=()
if [ "${NO_VECTORS:-0}" != 1 ]; then
  W2V=target/bench-word2vec
  if [ ! -s "$W2V/seq4j.bin" ]; then
    mkdir -p "$W2V"
    [ -s "$W2V/corpus.txt" ] || /usr/bin/python3 bench/word2vec_corpus.py ../shared/data "$W2V/corpus.txt"
    echo "== seq4j word2vec train (defaults) for the NER word vectors" >&2
    ./seq4j word2vec train "$W2V/corpus.txt" --tokenizer space --out "$W2V/seq4j.bin" 2> "$OUT/word2vec.log"
  fi
  VECTORS=(--pretrained "$W2V/seq4j.bin")
fi
echo "== seq4j ner train (defaults) ${VECTORS[*]} $*" >&2
/usr/bin/time -f "%M" -o "$OUT/seq4j.rss" ./seq4j ner train --train "$DATA/train.txt" --dev "$DATA/valid.txt" --test "$DATA/test.txt" \
    --out "$OUT/ner.zip" --predictions "$OUT/test.conlleval.txt" --json "${VECTORS[@]}" "$@" > "$OUT/seq4j.json" 2> "$OUT/seq4j.log"
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  for t in ${TORCH_THREADS:-1 2}; do
    echo "== PyTorch, $t thread(s), ${TORCH_EPOCHS:-3} epochs" >&2
    /usr/bin/python3 bench/torch_ner.py "$DATA/train.txt" "$DATA/valid.txt" "$DATA/test.txt" "$t" "${TORCH_EPOCHS:-3}" \
        > "$OUT/torch$t.json" 2> "$OUT/torch$t.log" || rm -f "$OUT/torch$t.json"
  done
else
  echo "(PyTorch peer skipped: apt-get install -y python3-torch)" >&2
fi
python3 - "$OUT" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
s = json.load(open(f"{out}/seq4j.json"))
torch = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/torch*.json")) if os.path.getsize(f)]
print("%-40s %8s %8s %9s %12s" % ("model", "dev_F1", "test_F1", "train_s", "train_tok/s"))
print("%-40s %8.4f %8.4f %9.0f %12.0f" % ("seq4j BiLSTM-CNN-CRF (defaults)", s["dev_f1"], s["test"]["f1"], s["train_seconds"], s["train_tokens_per_s"]))
for t in torch:
    print("%-40s %8.4f %8.4f %9.0f %12.0f" % ("pytorch same model, %d thread(s), %d epochs" % (t["threads"], t["epochs"]), t["dev_f1"],
          t["test_f1"], t["train_seconds"], t["train_tokens_per_s"]))
if torch:
    best = max(torch, key=lambda t: t["train_tokens_per_s"])
    print("seq4j / PyTorch (%d threads) training throughput: %.2fx" % (best["threads"], s["train_tokens_per_s"] / best["train_tokens_per_s"]))
print("per type (test):", {k: round(v["f1"], 4) for k, v in s["test"]["per_type"].items()})
PY
