#!/usr/bin/python3
"""gensim peer of `./seq4j word2vec train` with its defaults (skip-gram, 100 dims, window 5,
negative 5, min count 5, sample 1e-4, 5 epochs, alpha 0.025 -> 0.0001) on a corpus of
space-separated tokens, one sentence per line. Times the vocabulary scan and the training apart,
saves the vectors in word2vec binary format and prints one JSON line.
usage: bench/gensim_word2vec.py CORPUS OUT.bin WORKERS"""
import json, sys, time
import gensim
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence

corpus, out, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
m = Word2Vec(vector_size=100, window=5, negative=5, hs=0, sg=1, min_count=5, sample=1e-4, epochs=5, alpha=0.025,
             min_alpha=0.0001, workers=workers, seed=1)
t0 = time.perf_counter()
m.build_vocab(LineSentence(corpus))
t1 = time.perf_counter()
m.train(LineSentence(corpus), total_examples=m.corpus_count, epochs=m.epochs)
t2 = time.perf_counter()
m.wv.save_word2vec_format(out, binary=True)
tokens = m.corpus_total_words
print(json.dumps({"peer": "gensim " + gensim.__version__, "workers": workers, "vocabulary": len(m.wv.index_to_key),
                  "corpus_tokens": tokens, "scan_seconds": t1 - t0, "train_seconds": t2 - t1,
                  "words_per_s": tokens * m.epochs / (t2 - t1)}))
