#!/usr/bin/env python3
"""Trains the Elman network of this example and exports it for rnnc.

The task: read a noisy sine wave one sample at a time and predict the next clean
value. Frequency, phase and amplitude vary from sequence to sequence, so the network
has to infer them from what it has seen so far: that is what its recurrent state is for.

Model: torch.nn.RNN (tanh, one layer) followed by a torch.nn.Linear read-out,
float64 throughout, trained with Adam on CPU. Seeded and single-threaded, so every run
writes the same files.

Writes, relative to this script:
  src/main/rnnc/weights/w_ih.npy    [hidden, 1]       rnn.weight_ih_l0
  src/main/rnnc/weights/w_hh.npy    [hidden, hidden]  rnn.weight_hh_l0
  src/main/rnnc/weights/b_h.npy     [hidden]          rnn.bias_ih_l0 + rnn.bias_hh_l0
  src/main/rnnc/weights/head_w.npy  [1, hidden]       head.weight
  src/main/rnnc/weights/head_b.npy  [1]               head.bias
  src/main/resources/dev/rnnc/examples/elman/sine_test.csv
      one held-out sequence: x (the noisy input), target (the next clean value) and
      torch (PyTorch's prediction), printed with repr() so the values parse back exactly.

Run with: python3 train.py   (torch and numpy; about 15 seconds on one CPU core)
"""

import math
import pathlib

import numpy as np
import torch
from torch import nn

HIDDEN = 16
SEQ_LEN = 60
BATCH = 64
ITERATIONS = 1500
NOISE = 0.1
SEED = 7

HERE = pathlib.Path(__file__).resolve().parent
WEIGHTS = HERE / "src/main/rnnc/weights"
TEST_CSV = HERE / "src/main/resources/dev/rnnc/examples/elman/sine_test.csv"


def sine_batch(rng, batch, length):
    """Noisy sines as inputs [batch, length, 1] and the next clean values as targets."""
    freq = rng.uniform(0.15, 0.45, size=(batch, 1))
    phase = rng.uniform(0.0, 2 * math.pi, size=(batch, 1))
    amp = rng.uniform(0.5, 1.0, size=(batch, 1))
    t = np.arange(length + 1)[None, :]
    clean = amp * np.sin(freq * t + phase)
    noisy = clean[:, :-1] + NOISE * rng.standard_normal((batch, length))
    return (torch.from_numpy(noisy[..., None]), torch.from_numpy(clean[:, 1:, None]))


class Elman(nn.Module):
    """An Elman network: h(t) = tanh(W_ih x(t) + b_ih + W_hh h(t-1) + b_hh), y(t) = W h(t) + b."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(input_size=1, hidden_size=HIDDEN, nonlinearity="tanh", batch_first=True)
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.head(h)


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)

    model = Elman()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_fn = nn.MSELoss()
    for it in range(1, ITERATIONS + 1):
        x, y = sine_batch(rng, BATCH, SEQ_LEN)
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        if it % 100 == 0:
            print(f"iteration {it:4d}  training MSE {loss.item():.5f}")

    model.eval()
    with torch.no_grad():
        x, y = sine_batch(np.random.default_rng(SEED + 1), 256, SEQ_LEN)
        print(f"held-out MSE {loss_fn(model(x), y).item():.5f}"
              f"  (repeating the last input: {loss_fn(x, y).item():.5f})")
        x, y = sine_batch(np.random.default_rng(SEED + 2), 1, SEQ_LEN)
        pred = model(x)

    WEIGHTS.mkdir(parents=True, exist_ok=True)
    rnn = model.rnn
    np.save(WEIGHTS / "w_ih.npy", rnn.weight_ih_l0.detach().numpy())
    np.save(WEIGHTS / "w_hh.npy", rnn.weight_hh_l0.detach().numpy())
    np.save(WEIGHTS / "b_h.npy", (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy())
    np.save(WEIGHTS / "head_w.npy", model.head.weight.detach().numpy())
    np.save(WEIGHTS / "head_b.npy", model.head.bias.detach().numpy())

    TEST_CSV.parent.mkdir(parents=True, exist_ok=True)
    with open(TEST_CSV, "w", encoding="utf-8", newline="\n") as f:
        f.write("x,target,torch\n")
        for xi, yi, pi in zip(x[0, :, 0].tolist(), y[0, :, 0].tolist(), pred[0, :, 0].tolist()):
            f.write(f"{xi!r},{yi!r},{pi!r}\n")
    print(f"wrote {len(list(WEIGHTS.glob('*.npy')))} weight files to {WEIGHTS.relative_to(HERE)}"
          f" and {SEQ_LEN} test rows to {TEST_CSV.relative_to(HERE)}")


if __name__ == "__main__":
    main()
