#!/usr/bin/python3
"""Builds bench/word2vec.sh's corpus from ../shared/data: the IMDB review texts (train and test,
<br /> removed), the Brown sentences, the State of the Union addresses and the English side of
Multi30k (all splits). One document or sentence per line, lower-cased tokens (the regex of
bench/torch_sentiment.py, close to seq4j's word tokenizer) separated by single spaces, so seq4j
(--tokenizer space) and gensim (LineSentence) read the same token stream.
usage: bench/word2vec_corpus.py DATA_DIR OUT_FILE"""
import glob, gzip, os, re, sys

TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:['\u2019-][^\W_]+)*|\S", re.UNICODE)
BREAK = re.compile(r"<br\s*/?>", re.I)
data, out = sys.argv[1:3]


def lines():
    for split in ("train", "test"):
        with gzip.open(f"{data}/imdb_aclImdb/{split}.tsv.gz", "rt", encoding="utf-8") as f:
            col = next(f).rstrip("\n").split("\t").index("text")
            for l in f:
                yield BREAK.sub(" ", l.rstrip("\n").split("\t")[col])
    sources = [f"{data}/brown_corpus/brown_sentences.txt"] + sorted(glob.glob(f"{data}/state_union/*.txt")) \
        + sorted(glob.glob(f"{data}/multi30k/raw/*.en"))
    for path in sources:
        with open(path, encoding="utf-8", errors="replace") as f:
            yield from f


tokens = 0
tmp = out + ".tmp"
with open(tmp, "w", encoding="utf-8") as o:
    for l in lines():
        t = TOKEN.findall(l.lower())
        if t:
            o.write(" ".join(t) + "\n")
            tokens += len(t)
os.replace(tmp, out)
print(f"{out}: {tokens} tokens", file=sys.stderr)
