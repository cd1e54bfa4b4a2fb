#!/usr/bin/python3
"""PyTorch peer of `./seq4j ner train` with its defaults, on the same CoNLL files: words looked up
lower-cased with digits as 0 (vocabulary: every training word), characters of the original
spelling (first 20), char embedding 25 -> width-3 CNN with 50 filters -> max over the word;
word embedding 100 (random) concatenated -> dropout 0.5 -> BiLSTM 128 per direction -> dropout 0.5
-> linear -> linear-chain CRF (batched forward algorithm, Viterbi decoding) over BIOES tags; Adam
0.001, gradient-norm clipping 5, batch 32 with length bucketing, dev entity F1 after each epoch.
usage: /usr/bin/python3 bench/torch_ner.py TRAIN DEV TEST THREADS EPOCHS   (prints one JSON line)"""
import json, random, re, sys, time
import torch

train_path, dev_path, test_path = sys.argv[1:4]
threads, epochs = int(sys.argv[4]), int(sys.argv[5])
torch.set_num_threads(threads)
torch.manual_seed(42)
random.seed(42)


def read(path):
    out, words, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if not f or f[0] == "-DOCSTART-":
            if words:
                out.append((words, tags))
            words, tags = [], []
            continue
        words.append(f[0])
        tags.append(f[-1])
    if words:
        out.append((words, tags))
    return out


def spans(tags):   # entity spans of IOB/BIOES tags, repaired as conlleval reads them
    out, typ, start = [], None, 0
    for i, t in enumerate(tags + ["O"]):
        p, x = (t.split("-", 1) + [""])[:2] if t != "O" else ("O", "")
        cont = typ is not None and p in ("I", "E") and x == typ
        if typ is not None and not cont:
            out.append((typ, start, i))
            typ = None
        if p != "O" and not cont:
            typ, start = x, i
        if typ is not None and p in ("E", "S"):
            out.append((typ, start, i + 1))
            typ = None
    return out


def bioes(tags):
    out = ["O"] * len(tags)
    for typ, s, e in spans(tags):
        if e - s == 1:
            out[s] = "S-" + typ
        else:
            out[s], out[e - 1] = "B-" + typ, "E-" + typ
            for i in range(s + 1, e - 1):
                out[i] = "I-" + typ
    return out


norm = lambda w: re.sub(r"\d", "0", w.lower())
train, dev, test = read(train_path), read(dev_path), read(test_path)
words = {w: i + 2 for i, w in enumerate(sorted({norm(w) for ws, _ in train for w in ws}))}
chars = {c: i + 2 for i, c in enumerate(sorted({c for ws, _ in train for w in ws for c in w}))}
tagset = sorted({t for _, ts in train for t in bioes(ts)} | {"O"})
tix = {t: i for i, t in enumerate(tagset)}
K = len(tagset)


def encode(rows, labelled=True):
    return [([words.get(norm(w), 1) for w in ws], [[chars.get(c, 1) for c in w[:20]] for w in ws],
             [tix.get(t, tix["O"]) for t in bioes(ts)], ts) for ws, ts in rows]


class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.wemb = torch.nn.Embedding(len(words) + 2, 100, padding_idx=0)
        self.cemb = torch.nn.Embedding(len(chars) + 2, 25, padding_idx=0)
        self.conv = torch.nn.Conv1d(25, 50, 3, padding=1)
        self.drop = torch.nn.Dropout(0.5)
        self.rnn = torch.nn.LSTM(150, 128, batch_first=True, bidirectional=True)
        self.out = torch.nn.Linear(256, K)
        self.trans = torch.nn.Parameter(torch.zeros(K, K))
        self.start = torch.nn.Parameter(torch.zeros(K))
        self.end = torch.nn.Parameter(torch.zeros(K))

    def emissions(self, w, c, lengths):
        B, T, L = c.shape
        ce = self.cemb(c.view(B * T, L)).transpose(1, 2)                    # [B*T, 25, L]
        conv = self.conv(ce).masked_fill((c.view(B * T, 1, L) == 0) & (torch.arange(L) > 0), float("-inf"))
        feats = torch.cat([self.wemb(w), conv.max(2).values.view(B, T, 50)], 2)
        packed = torch.nn.utils.rnn.pack_padded_sequence(self.drop(feats), lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.rnn(packed)
        h, _ = torch.nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=T)
        return self.out(self.drop(h))                                          # [B, T, K]

    def nll(self, e, y, mask):
        B, T, _ = e.shape
        score = self.start[y[:, 0]] + e[:, 0].gather(1, y[:, :1]).squeeze(1)
        alpha = self.start + e[:, 0]
        for t in range(1, T):
            m = mask[:, t]
            score = score + m * (self.trans[y[:, t - 1], y[:, t]] + e[:, t].gather(1, y[:, t:t + 1]).squeeze(1))
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), 1) + e[:, t]
            alpha = torch.where(m.unsqueeze(1) > 0, nxt, alpha)
        last = y.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        return (torch.logsumexp(alpha + self.end, 1) - score).mean()

    def viterbi(self, e, n):
        best, back = self.start + e[0], []
        for t in range(1, n):
            v = best.unsqueeze(1) + self.trans
            back.append(v.argmax(0))
            best = v.max(0).values + e[t]
        path = [int((best + self.end).argmax())]
        for b in reversed(back):
            path.append(int(b[path[-1]]))
        return path[::-1]


def batch(rows):
    T = max(len(r[0]) for r in rows)
    L = max(len(c) for r in rows for c in r[1])
    w = torch.zeros(len(rows), T, dtype=torch.long)
    c = torch.zeros(len(rows), T, L, dtype=torch.long)
    y = torch.zeros(len(rows), T, dtype=torch.long)
    for i, (ws, cs, ys, _) in enumerate(rows):
        w[i, :len(ws)] = torch.tensor(ws)
        y[i, :len(ys)] = torch.tensor(ys)
        for t, cc in enumerate(cs):
            c[i, t, :len(cc)] = torch.tensor(cc)
    lengths = torch.tensor([len(r[0]) for r in rows])
    mask = (torch.arange(T).unsqueeze(0) < lengths.unsqueeze(1)).float()
    return w, c, y, lengths, mask


def plan(rows, epoch):
    order = rows[:]
    rnd = random.Random(42 * 1000003 + epoch)
    rnd.shuffle(order)
    for i in range(0, len(order), 32 * 64):
        order[i:i + 32 * 64] = sorted(order[i:i + 32 * 64], key=lambda r: len(r[0]))
    batches = [order[i:i + 32] for i in range(0, len(order), 32)]
    rnd.shuffle(batches)
    return batches


def f1(model, rows):
    model.eval()
    correct = guessed = gold = 0
    with torch.no_grad():
        for i in range(0, len(rows), 32):
            part = rows[i:i + 32]
            w, c, y, lengths, mask = batch(part)
            e = model.emissions(w, c, lengths)
            for j, r in enumerate(part):
                pred = spans([tagset[k] for k in model.viterbi(e[j], len(r[0]))])
                true = spans(r[3])
                correct += len(set(pred) & set(true))
                guessed += len(pred)
                gold += len(true)
    model.train()
    p, r = correct / max(guessed, 1), correct / max(gold, 1)
    return 2 * p * r / (p + r) if p + r else 0.0


train_rows, dev_rows, test_rows = encode(train), encode(dev), encode(test)
model = Model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
best, best_state, seconds, tokens = -1.0, None, 0.0, 0
for epoch in range(epochs):
    t0 = time.perf_counter()
    for b in plan(train_rows, epoch):
        w, c, y, lengths, mask = batch(b)
        opt.zero_grad()
        model.nll(model.emissions(w, c, lengths), y, mask).backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        tokens += int(lengths.sum())
    seconds += time.perf_counter() - t0
    d = f1(model, dev_rows)
    print(f"epoch {epoch + 1} dev F1 {d:.4f} ({seconds:.0f} s, {tokens / seconds:.0f} tok/s)", file=sys.stderr, flush=True)
    if d > best:
        best, best_state = d, {k: v.detach().clone() for k, v in model.state_dict().items()}
model.load_state_dict(best_state)
print(json.dumps({"peer": "pytorch " + torch.__version__, "threads": threads, "epochs": epochs, "dev_f1": best,
                  "test_f1": f1(model, test_rows), "train_seconds": seconds, "train_tokens_per_s": tokens / seconds}))
