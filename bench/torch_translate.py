#!/usr/bin/python3
"""PyTorch peer of `./seq4j translate train` with its defaults, on the same Multi30k files (German ->
English, tokenised and lower-cased: space-separated tokens), the same model and training loop.

Vocabularies per side: tokens seen >= 2 times in train; 0 PAD, 1 UNK, 2 BOS, 3 EOS, then tokens by
descending count (ties alphabetical). Source = tokens + EOS, target = tokens + EOS, decoder input =
BOS + tokens; training pairs keep their first 50 tokens per side (49 + EOS); validation and test
pairs are whole.
Encoder: Embedding(Vs, 256) -> dropout 0.3 -> bidirectional GRU 256 per direction (packed, so
padding is excluded) -> H [B, Ts, 512]. Bridge: masked mean of H -> Linear(512, 512) -> tanh -> b.
Decoder: concat(Embedding(Vt, 256)(y_{t-1}), b) -> dropout 0.3 -> GRU(768, 512) from a zero state
-> S; attention (Luong "general", scaled): softmax over source of (S Wq) H^T / sqrt(512), padding
masked -> C = alpha H; dropout 0.3 on concat(S, C) -> Linear(1024, 512) -> tanh -> Linear(512, Vt);
cross-entropy over target tokens (PAD ignored). Adam 0.001, gradient-norm clipping 1, batches of 64
pairs: shuffled, cut into pools of 64*64 pairs, each pool sorted by max(source, target) length and
cut into batches, the batches shuffled (seeded per epoch). After the last epoch: teacher-forced
validation loss per target token, and (full runs only) test_2016_flickr BLEU with greedy decoding
(at most 2 * source length + 10 tokens, EOS included), the decoder GRU run one step at a time.

usage: [HYPOTHESES=FILE] /usr/bin/python3 bench/torch_translate.py DATA_DIR THREADS EPOCHS [MAX_BATCHES]
  DATA_DIR holds {train,val,test_2016_flickr}.lc.norm.tok.{de,en}; MAX_BATCHES stops each epoch after
  that many batches (a throughput probe; no BLEU then); HYPOTHESES: write the greedy test translations
  there  -> one JSON object on stdout, progress on stderr
"""
import json, math, os, random, sys, time
from collections import Counter

import torch
import torch.nn as nn
import torch.nn.functional as F

data_dir, threads, epochs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
max_batches = int(sys.argv[4]) if len(sys.argv) > 4 else None
torch.set_num_threads(threads)
torch.manual_seed(42)
SEED, BATCH, POOL, MAX_LEN = 42, 64, 64 * 64, 50
EMB, ENC, DEC = 256, 256, 512
PAD, UNK, BOS, EOS = 0, 1, 2, 3
SPECIALS = ["<pad>", "<unk>", "<s>", "</s>"]


def read(split, lang):
    with open(os.path.join(data_dir, f"{split}.lc.norm.tok.{lang}"), encoding="utf-8") as f:
        return [line.split() for line in f.read().rstrip("\n").split("\n")]


def vocabulary(sentences):
    counts = Counter(t for s in sentences for t in s)
    kept = sorted((t for t, c in counts.items() if c >= 2), key=lambda t: (-counts[t], t))
    itos = SPECIALS + kept
    return {t: i for i, t in enumerate(itos)}, itos


def encode(tokens, stoi, max_len=0):
    ids = [stoi.get(t, UNK) for t in tokens]
    if max_len > 0:
        ids = ids[:max_len - 1]
    return ids + [EOS]


train_de, train_en = read("train", "de"), read("train", "en")
assert len(train_de) == len(train_en)
src_stoi, src_itos = vocabulary(train_de)
tgt_stoi, tgt_itos = vocabulary(train_en)
Vs, Vt = len(src_itos), len(tgt_itos)
train_pairs = [(encode(s, src_stoi, MAX_LEN), encode(t, tgt_stoi, MAX_LEN)) for s, t in zip(train_de, train_en)]
val_pairs = [(encode(s, src_stoi), encode(t, tgt_stoi)) for s, t in zip(read("val", "de"), read("val", "en"))]
test_src = [encode(s, src_stoi) for s in read("test_2016_flickr", "de")]
with open(os.path.join(data_dir, "test_2016_flickr.lc.norm.tok.en"), encoding="utf-8") as f:
    test_refs = f.read().rstrip("\n").split("\n")
assert len(test_src) == len(test_refs)


def pad(seqs, first=None):
    """[B, T] long tensor of the sequences (each after `first` when given), PAD-filled, and their lengths."""
    if first is not None:
        seqs = [[first] + s for s in seqs]
    lengths = [len(s) for s in seqs]
    out = torch.full((len(seqs), max(lengths)), PAD, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = torch.tensor(s, dtype=torch.long)
    return out, torch.tensor(lengths, dtype=torch.long)


def make_batch(pairs):
    src, src_len = pad([p[0] for p in pairs])
    tgt, _ = pad([p[1] for p in pairs])
    dec_in, _ = pad([p[1][:-1] for p in pairs], first=BOS)     # BOS + tokens, as long as the target
    return src, src_len, dec_in, tgt


def epoch_batches(pairs, epoch):
    rnd = random.Random(SEED + epoch)
    order = list(range(len(pairs)))
    rnd.shuffle(order)
    batches = []
    for p in range(0, len(order), POOL):
        pool = sorted(order[p:p + POOL], key=lambda i: max(len(pairs[i][0]), len(pairs[i][1])))
        batches.extend(pool[b:b + BATCH] for b in range(0, len(pool), BATCH))
    rnd.shuffle(batches)
    return [[pairs[i] for i in b] for b in batches]


class Translator(nn.Module):
    def __init__(self):
        super().__init__()
        self.src_emb = nn.Embedding(Vs, EMB)
        self.encoder = nn.GRU(EMB, ENC, batch_first=True, bidirectional=True)
        self.bridge = nn.Linear(2 * ENC, 2 * ENC)
        self.tgt_emb = nn.Embedding(Vt, EMB)
        self.decoder = nn.GRU(EMB + 2 * ENC, DEC, batch_first=True)
        self.wq = nn.Linear(DEC, 2 * ENC, bias=False)
        self.combine = nn.Linear(DEC + 2 * ENC, DEC)
        self.out = nn.Linear(DEC, Vt)
        self.drop = nn.Dropout(0.3)

    def encode(self, src, src_len):
        x = self.drop(self.src_emb(src))
        packed = nn.utils.rnn.pack_padded_sequence(x, src_len, batch_first=True, enforce_sorted=False)
        h, _ = self.encoder(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=src.size(1))
        mask = src != PAD                                                   # [B, Ts]
        mean = (h * mask.unsqueeze(-1)).sum(1) / src_len.unsqueeze(-1).to(h.dtype)
        return h, mask, torch.tanh(self.bridge(mean))

    def decode(self, dec_in, h, mask, b, state=None):
        """Logits [B, T, Vt] for decoder inputs [B, T] (T = 1 for a greedy step) and the GRU state."""
        e = self.tgt_emb(dec_in)
        x = self.drop(torch.cat([e, b.unsqueeze(1).expand(-1, e.size(1), -1)], -1))
        s, state = self.decoder(x, state)                                   # [B, T, 512]
        scores = self.wq(s) @ h.transpose(1, 2) / math.sqrt(2 * ENC)        # [B, T, Ts]
        alpha = scores.masked_fill(~mask.unsqueeze(1), -1e9).softmax(-1)
        c = alpha @ h
        z = torch.tanh(self.combine(self.drop(torch.cat([s, c], -1))))
        return self.out(z), state

    def forward(self, src, src_len, dec_in):
        h, mask, b = self.encode(src, src_len)
        return self.decode(dec_in, h, mask, b)[0]


def evaluate(model, pairs):
    model.eval()
    nats, tokens = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(pairs), BATCH):
            src, src_len, dec_in, tgt = make_batch(pairs[i:i + BATCH])
            logits = model(src, src_len, dec_in)
            nats += F.cross_entropy(logits.reshape(-1, Vt), tgt.reshape(-1), ignore_index=PAD, reduction="sum").item()
            tokens += (tgt != PAD).sum().item()
    model.train()
    return nats / tokens


def greedy(model, sources):
    model.eval()
    hyps = []
    with torch.no_grad():
        for i in range(0, len(sources), BATCH):
            chunk = sources[i:i + BATCH]
            src, src_len = pad(chunk)
            h, mask, b = model.encode(src, src_len)
            limit = 2 * src_len + 10                                        # most tokens, EOS included
            y = torch.full((len(chunk), 1), BOS, dtype=torch.long)
            state, out = None, [[] for _ in chunk]
            done = torch.zeros(len(chunk), dtype=torch.bool)
            for t in range(int(limit.max())):
                logits, state = model.decode(y, h, mask, b, state)
                y = logits[:, -1].argmax(-1, keepdim=True)
                for k in range(len(chunk)):
                    if not done[k]:
                        tok = y[k, 0].item()
                        if tok == EOS or t + 1 >= limit[k]:
                            done[k] = True
                        if tok != EOS:
                            out[k].append(tok)
                if done.all():
                    break
            hyps.extend(" ".join(tgt_itos[t] for t in o) for o in out)
    model.train()
    return hyps


model = Translator()
opt = torch.optim.Adam(model.parameters(), lr=0.001)
params = sum(p.numel() for p in model.parameters())
print(f"{len(train_pairs)} training pairs, {len(val_pairs)} validation, {len(test_src)} test; vocabularies "
      f"{Vs} source / {Vt} target; {params} parameters; {threads} threads", file=sys.stderr)
train_seconds, target_tokens, batches, val = 0.0, 0, 0, None
for epoch in range(epochs):
    epoch_list = epoch_batches(train_pairs, epoch)
    if max_batches is not None:
        epoch_list = epoch_list[:max_batches]
    start = time.time()
    for n, pairs in enumerate(epoch_list):
        src, src_len, dec_in, tgt = make_batch(pairs)
        logits = model(src, src_len, dec_in)
        loss = F.cross_entropy(logits.reshape(-1, Vt), tgt.reshape(-1), ignore_index=PAD)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        target_tokens += sum(len(p[1]) for p in pairs)
        batches += 1
        if (n + 1) % 50 == 0:
            el = train_seconds + time.time() - start
            print(f"epoch {epoch + 1} batch {n + 1}/{len(epoch_list)}: loss {loss.item():.4f}, "
                  f"{target_tokens / el:.0f} target tokens/s", file=sys.stderr)
    train_seconds += time.time() - start
    val = evaluate(model, val_pairs)
    print(f"epoch {epoch + 1}: val loss {val:.4f} nats/token (perplexity {math.exp(val):.2f}), "
          f"{target_tokens / train_seconds:.0f} target tokens/s", file=sys.stderr)
if val is None:
    val = evaluate(model, val_pairs)
result = {"threads": threads, "epochs": epochs, "max_batches": max_batches, "batches": batches,
          "train_seconds": train_seconds, "target_tokens": target_tokens,
          "target_tokens_per_s": target_tokens / train_seconds if train_seconds > 0 else None,
          "val_loss_nats": val, "val_perplexity": math.exp(val), "parameters": params,
          "source_vocab": Vs, "target_vocab": Vt}
if epochs >= 1 and max_batches is None:
    start = time.time()
    hyps = greedy(model, test_src)
    result["decode_seconds"] = time.time() - start
    if os.environ.get("HYPOTHESES"):           # bench/translate.sh scores them with `seq4j translate bleu` too
        with open(os.environ["HYPOTHESES"], "w", encoding="utf-8") as f:
            f.write("".join(h + "\n" for h in hyps))
    try:
        import sacrebleu
        result["bleu"] = sacrebleu.corpus_bleu(hyps, [test_refs]).score
    except ImportError:
        result["bleu"] = None
        result["bleu_note"] = "sacrebleu is not importable; test_2016_flickr greedy hypotheses were decoded but not scored"
    print(f"test_2016_flickr greedy BLEU {result['bleu']}", file=sys.stderr)
print(json.dumps(result))
