#!/usr/bin/python3
"""PyTorch side of bench/rnn.sh: a recurrent layer alone, as `seq4j bench rnn` times it.
train = forward + backward from a constant output gradient (no loss layer, no optimizer); infer = forward.
usage: /usr/bin/python3 bench/torch_rnn.py lstm|gru|rnn|bilstm [threads] [warmup] [iters]   (prints one JSON line)"""
import json, statistics, sys, time, torch

mode = sys.argv[1]
threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
warm = int(sys.argv[3]) if len(sys.argv) > 3 else 5
iters = int(sys.argv[4]) if len(sys.argv) > 4 else 30
torch.set_num_threads(threads)
torch.manual_seed(1)
nin, h, mb, T = 128, 256, 32, 64
cls = {"gru": torch.nn.GRU, "rnn": torch.nn.RNN}.get(mode, torch.nn.LSTM)
rnn = cls(nin, h, batch_first=True, bidirectional=mode == "bilstm")
x = torch.rand(mb, T, nin, requires_grad=True)
g = torch.rand(mb, T, h * (2 if mode == "bilstm" else 1))

def train():
    rnn.zero_grad()
    x.grad = None
    y, _ = rnn(x)
    y.backward(g)

def infer():
    with torch.no_grad():
        rnn(x)

def timed(step):
    for _ in range(warm):
        step()
    ms = []
    for _ in range(iters):
        t0 = time.perf_counter()
        step()
        ms.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ms)

print(json.dumps({"peer": "pytorch " + torch.__version__, "mode": mode, "threads": threads,
                  "train_ms": timed(train), "infer_ms": timed(infer)}))
