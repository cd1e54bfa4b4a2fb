#!/usr/bin/python3
"""PyTorch peer of `./seq4j sentiment train` with its defaults, on the same files: lower-cased word
tokens (a regex close to seq4j's WordTokenizer; IMDB's <br /> removed), vocabulary of training words
seen >= 2 times (at most 50,000 entries with the 4 reserved ones), documents over MAX_LENGTH tokens keep
their first 100 and last MAX_LENGTH - 100 (MAX_LENGTH as seq4j's default maxLength), embedding 128 -> BiLSTM 128 per direction (dropout 0.25 on its input)
-> pooling over time (POOLING env: attention, seq4j's default = additive attention with one learned
query, u = tanh(hW + b), a = softmax over valid steps of u.v, out = sum a h; or max = masked max) -> dropout 0.5 -> linear -> softmax; Adam 0.001, gradient-norm
clipping 5, batch 32 with length bucketing (pools of 64 batches sorted by length), at most 8 epochs,
early stopping after 2 epochs without dev gain, best dev epoch scored on test.
usage: /usr/bin/python3 bench/torch_sentiment.py FORMAT TRAIN DEV TEST [threads] [epochs]
  FORMAT (sst, glue or imdb) is only a name: each file's layout is detected (see read()).
  DEV may be 'holdout' (a stratified 10% of TRAIN, seeded). Prints one JSON line.
  MAX_BATCHES=N (env) stops each epoch after N batches: a throughput probe (its accuracies are not results)."""
import os
import gzip, json, random, re, sys, time
import torch

fmt, train_path, dev_path, test_path = sys.argv[1:5]
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
max_epochs = int(sys.argv[6]) if len(sys.argv) > 6 else 8
torch.set_num_threads(threads)
torch.manual_seed(42)
random.seed(42)
MAX_LENGTH = 400
POOLING = os.environ.get("POOLING", "attention")
MAX_BATCHES = int(os.environ.get("MAX_BATCHES", "0")) or None
TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:['\u2019-][^\W_]+)*|\S", re.UNICODE)
BREAK = re.compile(r"<br\s*/?>", re.I)


def read(path):
    """(text, label) rows; the layout is detected per file like seq4j's: a TSV whose header names a
    label column (text column 'sentence' or 'text'), else SST lines 'label text'."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        lines = [l.rstrip("\n").rstrip("\r") for l in f if l.strip()]
    head = lines[0].split("\t")
    if "label" in head:
        ti, li = head.index("sentence" if "sentence" in head else "text"), head.index("label")
        return [(r.split("\t")[ti], r.split("\t")[li].strip()) for r in lines[1:]]
    return [(l.split(" ", 1)[1], l.split(" ", 1)[0]) for l in lines]


def words(text):
    return TOKEN.findall(BREAK.sub(" ", text).lower())


train = read(train_path)
if dev_path == "holdout":
    rnd = random.Random(42)
    by = {}
    for r in train:
        by.setdefault(r[1], []).append(r)
    train, dev = [], []
    for g in by.values():
        rnd.shuffle(g)
        n = round(len(g) * 0.1)
        dev += g[:n]
        train += g[n:]
else:
    dev = read(dev_path)
test = read(test_path)
labels = sorted({y for _, y in train})
counts = {}
for t, _ in train:
    for w in words(t):
        counts[w] = counts.get(w, 0) + 1
kept = sorted((w for w, c in counts.items() if c >= 2), key=lambda w: (-counts[w], w))[:50000 - 4]
vocab = {w: i + 4 for i, w in enumerate(kept)}


def encode(rows):
    out = []
    for t, y in rows:
        ids = [vocab.get(w, 1) for w in words(t)] or [1]
        if len(ids) > MAX_LENGTH:
            ids = ids[:100] + ids[-(MAX_LENGTH - 100):]
        out.append((ids, labels.index(y)))
    return out


train, dev, test = encode(train), encode(dev), encode(test)


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(len(vocab) + 4, 128, padding_idx=0)
        self.drop_in, self.drop_out = torch.nn.Dropout(0.25), torch.nn.Dropout(0.5)
        self.rnn = torch.nn.LSTM(128, 128, batch_first=True, bidirectional=True)
        self.out = torch.nn.Linear(256, len(labels))
        if POOLING == "attention":
            self.att = torch.nn.Linear(256, 256)
            self.query = torch.nn.Linear(256, 1, bias=False)

    def forward(self, x, lengths):
        e = self.drop_in(self.emb(x))
        packed = torch.nn.utils.rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.rnn(packed)
        if POOLING == "max":
            h, _ = torch.nn.utils.rnn.pad_packed_sequence(h, batch_first=True, padding_value=float("-inf"))
            return self.out(self.drop_out(h.max(dim=1).values))
        h, _ = torch.nn.utils.rnn.pad_packed_sequence(h, batch_first=True)
        scores = self.query(torch.tanh(self.att(h))).squeeze(2)                      # [B, T]
        valid = torch.arange(h.shape[1])[None, :] < lengths[:, None]
        a = torch.softmax(scores.masked_fill(~valid, float("-inf")), dim=1)
        return self.out(self.drop_out((a.unsqueeze(2) * h).sum(dim=1)))


def batch(rows):
    T = max(len(s) for s, _ in rows)
    x = torch.zeros(len(rows), T, dtype=torch.long)
    for i, (s, _) in enumerate(rows):
        x[i, :len(s)] = torch.tensor(s)
    return x, torch.tensor([len(s) for s, _ in rows]), torch.tensor([y for _, y in rows])


def plan(rows, epoch):
    order = rows[:]
    rnd = random.Random(42 * 1000003 + epoch)
    rnd.shuffle(order)
    pool = 32 * 64
    for i in range(0, len(order), pool):
        order[i:i + pool] = sorted(order[i:i + pool], key=lambda r: len(r[0]))
    batches = [order[i:i + 32] for i in range(0, len(order), 32)]
    rnd.shuffle(batches)
    return batches


model = Model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
lossf = torch.nn.CrossEntropyLoss()


def accuracy(rows):
    model.eval()
    correct = 0
    with torch.no_grad():
        for i in range(0, len(rows), 32):
            x, l, y = batch(rows[i:i + 32])
            correct += (model(x, l).argmax(1) == y).sum().item()
    model.train()
    return correct / len(rows)


best, best_state, bad, seconds, tokens, epochs = -1.0, None, 0, 0.0, 0, 0
for epoch in range(max_epochs):
    t0 = time.perf_counter()
    for b in plan(train, epoch)[:MAX_BATCHES]:
        x, l, y = batch(b)
        opt.zero_grad()
        lossf(model(x, l), y).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        tokens += int(l.sum())
    seconds += time.perf_counter() - t0
    epochs += 1
    acc = accuracy(dev)
    print(f"epoch {epoch + 1} dev accuracy {acc:.4f} ({seconds:.0f} s)", file=sys.stderr, flush=True)
    if acc > best:
        best, bad = acc, 0
        best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    else:
        bad += 1
        if bad >= 2:
            break
model.load_state_dict(best_state)
print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": threads, "pooling": POOLING, "probe_batches": MAX_BATCHES, "epochs": epochs, "dev_accuracy": best,
                  "test_accuracy": accuracy(test), "train_seconds": seconds, "train_tokens_per_s": tokens / seconds}))
