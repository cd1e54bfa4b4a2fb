#!/usr/bin/env bash
# word2vec, seq4j vs gensim (Debian python3-gensim) on one corpus built from ../shared/data (IMDB
# review texts, Brown, State of the Union, English Multi30k: about 14M tokens), same settings on
# both sides (skip-gram, 100 dims, window 5, negative 5, min count 5, sample 1e-4, 5 epochs, 2
# threads; gensim also at 3 workers, its best on 2 cores is kept), in one run. Both vector files are
# scored by the same evaluator (seq4j word2vec eval: questions-words top 30k with coverage,
# WordSim-353 and SimLex-999 Spearman rho) and, as a cross-check, by gensim's own.
# Prints training words/s (corpus tokens x epochs / training seconds, the counting pass excluded on
# both sides), the scores, and seq4j/gensim ratios.
# DL4J=1 adds DL4J's own Word2Vec (deeplearning4j-nlp, bench/dl4j-word2vec; 1 epoch: it is slow), speed only.
#   bash bench/word2vec.sh            (GENSIM_WORKERS="2 3" by default)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
EVAL=$DATA/word_analogy_similarity
OUT=target/bench-word2vec
mkdir -p "$OUT"
./seq4j info >/dev/null
[ -s "$OUT/corpus.txt" ] || /usr/bin/python3 bench/word2vec_corpus.py "$DATA" "$OUT/corpus.txt"

echo "== seq4j word2vec train (defaults, 2 threads)" >&2
./seq4j word2vec train "$OUT/corpus.txt" --tokenizer space --threads 2 --out "$OUT/seq4j.bin" --json \
    > "$OUT/seq4j.train.json" 2> "$OUT/seq4j.train.log"
score() {   # vectors file -> JSON scores by seq4j's evaluator
  ./seq4j word2vec eval --model "$1" --analogies "$EVAL/questions-words.txt" --wordsim "$EVAL/wordsim353.tsv" \
      --simlex "$EVAL/simlex999.txt" --json 2>/dev/null
}
score "$OUT/seq4j.bin" > "$OUT/seq4j.eval.json"
if /usr/bin/python3 -c 'import gensim' 2>/dev/null; then
  for w in ${GENSIM_WORKERS:-2 3}; do
    echo "== gensim, $w workers" >&2
    /usr/bin/python3 bench/gensim_word2vec.py "$OUT/corpus.txt" "$OUT/gensim$w.bin" "$w" > "$OUT/gensim$w.train.json" 2> "$OUT/gensim$w.log"
    score "$OUT/gensim$w.bin" > "$OUT/gensim$w.eval.json"
  done
else
  echo "(gensim peer skipped: apt-get install -y python3-gensim)" >&2
fi
if [ "${DL4J:-0}" = 1 ]; then
  echo "== DL4J Word2Vec, 1 epoch, 2 workers" >&2
  mvn -B -q -f bench/dl4j-word2vec/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >&2
  java -Xmx6g -cp "bench/dl4j-word2vec/target/classes:$(cat bench/dl4j-word2vec/target/cp.txt)" Dl4jWord2VecBench \
      "$OUT/corpus.txt" 1 2 2> "$OUT/dl4j.log" | tail -n 1 > "$OUT/dl4j.json"
fi

/usr/bin/python3 - "$OUT" "$EVAL" <<'PY'
import glob, json, os, sys
out, ev = sys.argv[1:3]
load = lambda p: json.load(open(p))
s_train, s_eval = load(f"{out}/seq4j.train.json"), load(f"{out}/seq4j.eval.json")
peers = []
for f in sorted(glob.glob(f"{out}/gensim*.train.json")):
    t = load(f)
    peers.append((t, load(f.replace(".train.json", ".eval.json"))))
def gensim_scores(path):   # gensim's own evaluator on a vectors file, as a cross-check of seq4j's
    try:
        from gensim.models import KeyedVectors
    except ImportError:
        return None
    kv = KeyedVectors.load_word2vec_format(path, binary=True)
    a = kv.evaluate_word_analogies(f"{ev}/questions-words.txt", restrict_vocab=30000)[0]
    return a, kv.evaluate_word_pairs(f"{ev}/wordsim353.tsv")[1][0]
print("corpus: %d tokens, vocabulary %d (seq4j)" % (s_train["corpus_tokens"], s_train["vocabulary"]))
print("%-22s %12s %9s %10s %9s %9s %9s   %s" % ("model", "words/s", "train_s", "analogy", "coverage", "ws353", "simlex", "gensim's evaluator: analogy, ws353"))
rows = [("seq4j", s_train, s_eval, f"{out}/seq4j.bin")] + [("gensim %d workers" % t["workers"], t, e, f"{out}/gensim{t['workers']}.bin") for t, e in peers]
for name, t, e, path in rows:
    wps = t["corpus_tokens"] * 5 / t["train_seconds"]
    g = gensim_scores(path)
    print("%-22s %12.0f %9.1f %9.2f%% %8.1f%% %9.4f %9.4f   %s" % (name, wps, t["train_seconds"], 100 * e["analogy_accuracy"],
          100 * e["analogy_coverage"], e["wordsim353_rho"], e["simlex999_rho"], "%.2f%%, %.4f" % (100 * g[0], g[1]) if g else "-"))
if os.path.exists(f"{out}/dl4j.json") and os.path.getsize(f"{out}/dl4j.json"):
    d = load(f"{out}/dl4j.json")
    print("%-22s %12.0f %9.1f   (1 epoch, vocabulary and training together; speed only)" % ("dl4j Word2Vec", d["words_per_s"], d["fit_seconds"]))
    print("seq4j / dl4j Word2Vec: speed %.1fx" % (s_train["corpus_tokens"] * 5 / s_train["train_seconds"] / d["words_per_s"]))
if peers:
    best_t, best_e = min(peers, key=lambda p: p[0]["train_seconds"])
    print("seq4j / gensim (best, %d workers): speed %.2fx, analogy %+.2f points, ws353 rho %+.4f" % (best_t["workers"],
          best_t["train_seconds"] / s_train["train_seconds"], 100 * (s_eval["analogy_accuracy"] - best_e["analogy_accuracy"]),
          s_eval["wordsim353_rho"] - best_e["wordsim353_rho"]))
PY
