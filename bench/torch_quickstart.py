#!/usr/bin/python3
"""PyTorch peer of `./seq4j quickstart`: the same sentences (the TSVs the quickstart writes under
runs/quickstart/data), the same model (one-hot input, 32-unit RNN/GRU/LSTM, last step -> linear -> softmax),
Adam 0.005, gradient-norm clipping 5, batch 32, 12 epochs, best dev epoch kept, test accuracy.
Batches are padded to their longest sentence (all sentences of one N have the same length).
usage: /usr/bin/python3 bench/torch_quickstart.py DATA_DIR N CELL [threads] [epochs]   (prints one JSON line)"""
import json, random, sys, time, torch

data, n, cell = sys.argv[1], int(sys.argv[2]), sys.argv[3].lower()
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
epochs = int(sys.argv[5]) if len(sys.argv) > 5 else 12
torch.set_num_threads(threads)
torch.manual_seed(1)
random.seed(1)

def read(split):
    rows = [l.rstrip("\n").split("\t") for l in open(f"{data}/n{n}/{split}.tsv", encoding="utf-8")]
    return [(r[1].lower().split(), 1 if r[0] == "were" else 0) for r in rows]

train, dev, test = read("train"), read("dev"), read("test")
vocab = {w: i for i, w in enumerate(["<pad>", "<unk>", "<s>", "</s>"] + sorted({w for s, _ in train for w in s}))}
V = len(vocab)

def tensors(rows):
    T = max(len(s) for s, _ in rows)
    x = torch.zeros(len(rows), T, V)
    for i, (s, _) in enumerate(rows):
        for t, w in enumerate(s):
            x[i, t, vocab.get(w, 1)] = 1
    return x, torch.tensor([y for _, y in rows])

rnn_cls = {"simple_rnn": torch.nn.RNN, "rnn": torch.nn.RNN, "gru": torch.nn.GRU, "lstm": torch.nn.LSTM}[cell]
rnn, out = rnn_cls(V, 32, batch_first=True), torch.nn.Linear(32, 2)
params = list(rnn.parameters()) + list(out.parameters())
opt = torch.optim.Adam(params, lr=0.005)
lossf = torch.nn.CrossEntropyLoss()

def predict(x):
    y, _ = rnn(x)
    return out(y[:, -1, :])

def accuracy(rows):
    with torch.no_grad():
        x, y = tensors(rows)
        return (predict(x).argmax(1) == y).float().mean().item()

batches = [tensors(train[i:i + 32]) for i in range(0, len(train), 32)]
tokens = sum(len(s) for s, _ in train)
best, best_state, train_seconds = -1.0, None, 0.0
for epoch in range(epochs):
    random.shuffle(batches)
    t0 = time.perf_counter()
    for x, y in batches:
        opt.zero_grad()
        lossf(predict(x), y).backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
    train_seconds += time.perf_counter() - t0
    acc = accuracy(dev)
    if acc > best:
        best, best_state = acc, [p.detach().clone() for p in params]
for p, b in zip(params, best_state):
    p.data.copy_(b)
print(json.dumps({"peer": "pytorch " + torch.__version__, "cell": cell, "fillers": n, "threads": threads,
                  "test_accuracy": accuracy(test), "train_tokens_per_s": tokens * epochs / train_seconds}))
