"""PyTorch peer of `seq4j lm train --level char` (bench/lm.sh): the same model and training loop.

Embedding(V, 64) -> LSTM(64, 512) -> dropout 0.2 -> Linear(512, V), cross-entropy per character;
text cut into windows of 128 characters (a seeded offset per epoch, each window from a zero state),
batches of 32 windows, Adam lr 0.002, gradient-norm clipping 5; validation = the last 10% of the
characters, scored in windows of 128 from a zero state (as seq4j does).

usage: python3 torch_lm.py INPUT.txt THREADS EPOCHS  -> one JSON object on stdout
"""
import json, math, random, sys, time

import torch
import torch.nn as nn

path, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(42)
text = open(path, encoding="utf-8").read()
cut = int(len(text) * 0.9)
train_text, val_text = text[:cut], text[cut:]
chars = sorted(set(train_text))
stoi = {c: i + 1 for i, c in enumerate(chars)}          # 0 = unknown
V = len(chars) + 1
train_ids = torch.tensor([stoi.get(c, 0) for c in train_text], dtype=torch.long)
val_ids = torch.tensor([stoi.get(c, 0) for c in val_text], dtype=torch.long)
W, B = 128, 32


class CharLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(V, 64)
        self.lstm = nn.LSTM(64, 512, batch_first=True)
        self.drop = nn.Dropout(0.2)
        self.out = nn.Linear(512, V)

    def forward(self, x):
        h, _ = self.lstm(self.emb(x))
        return self.out(self.drop(h))


def windows(ids, offset):
    xs, ys = [], []
    for s in range(offset, len(ids) - W - 1, W):
        xs.append(ids[s:s + W])
        ys.append(ids[s + 1:s + W + 1])
    return torch.stack(xs), torch.stack(ys)


def evaluate(model):
    model.eval()
    x, y = windows(val_ids, 0)
    total, n = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), 64):
            logits = model(x[i:i + 64])
            total += nn.functional.cross_entropy(logits.reshape(-1, V), y[i:i + 64].reshape(-1), reduction="sum").item()
            n += y[i:i + 64].numel()
    model.train()
    return total / n


model = CharLstm()
opt = torch.optim.Adam(model.parameters(), lr=0.002)
rnd = random.Random(42)
train_seconds, tokens, losses = 0.0, 0, []
for epoch in range(epochs):
    x, y = windows(train_ids, 0 if epoch == 0 else rnd.randrange(W))
    order = torch.randperm(len(x))
    start = time.time()
    for i in range(0, len(x), B):
        idx = order[i:i + B]
        logits = model(x[idx])
        loss = nn.functional.cross_entropy(logits.reshape(-1, V), y[idx].reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        tokens += y[idx].numel()
    train_seconds += time.time() - start
    val = evaluate(model)
    losses.append(val)
    print(f"epoch {epoch + 1}: val loss {val:.4f} nats/char, {tokens / train_seconds:.0f} chars/s", file=sys.stderr)
print(json.dumps({"threads": threads, "epochs": epochs, "val_loss_nats": losses[-1], "val_bits_per_char": losses[-1] / math.log(2),
                  "train_seconds": train_seconds, "train_tokens_per_s": tokens / train_seconds,
                  "parameters": sum(p.numel() for p in model.parameters())}))
