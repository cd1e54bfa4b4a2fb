"""Run by GensimInteropTest: trains gensim 4 on CORPUS and saves its vectors in word2vec binary and
text format; then loads the files seq4j wrote (SEQ4J_BIN, SEQ4J_TXT) and prints, per file, the
vocabulary size and the first vector's word and first three values."""
import sys
from gensim.models import KeyedVectors, Word2Vec
from gensim.models.word2vec import LineSentence

corpus, out_bin, out_txt, seq4j_bin, seq4j_txt = sys.argv[1:6]
m = Word2Vec(LineSentence(corpus), vector_size=16, window=3, min_count=1, epochs=2, workers=1, seed=1)
m.wv.save_word2vec_format(out_bin, binary=True)
m.wv.save_word2vec_format(out_txt, binary=False)
for path, binary in ((seq4j_bin, True), (seq4j_txt, False)):
    kv = KeyedVectors.load_word2vec_format(path, binary=binary)
    w = kv.index_to_key[0]
    print(len(kv.index_to_key), w, " ".join("%.6f" % x for x in kv[w][:3]))
