#!/usr/bin/env python3
"""Trains the LSTM of this example and exports it twice: as ONNX and as safetensors.

The task is the pytorch-elman example's: read a noisy sine wave one sample at a time and
predict the next clean value (frequency, phase and amplitude vary by sequence).

Model: torch.nn.LSTM (one layer, 16 units) followed by a torch.nn.Linear read-out,
float64 throughout, trained with Adam on CPU. Seeded and single-threaded, so every run
writes the same files.

Writes, relative to this script:
  model/sine_lstm.onnx          the trained model, float64 weights (torch.onnx.export)
  model/sine_lstm.safetensors   the same weights as F64 tensors, PyTorch's state_dict names
  src/main/resources/dev/rnnc/examples/lstm/sine_test.csv
      one held-out sequence: x (the noisy input), target (the next clean value) and
      torch (PyTorch's prediction), printed with repr() so the values parse back exactly.

Then `./rnnc import examples/pytorch-lstm/model/sine_lstm.onnx -o examples/pytorch-lstm/src/main/rnnc`
writes the spec the Maven build compiles.

Run with: python3 train.py   (torch, numpy and onnx; about 30 seconds on one CPU core)
"""

import json
import math
import pathlib
import struct

import numpy as np
import torch
from torch import nn

HIDDEN = 16
SEQ_LEN = 60
BATCH = 64
ITERATIONS = 800
NOISE = 0.1
SEED = 11

HERE = pathlib.Path(__file__).resolve().parent
MODEL = HERE / "model"
TEST_CSV = HERE / "src/main/resources/dev/rnnc/examples/lstm/sine_test.csv"


def sine_batch(rng, batch, length):
    """Noisy sines as inputs [batch, length, 1] and the next clean values as targets."""
    freq = rng.uniform(0.15, 0.45, size=(batch, 1))
    phase = rng.uniform(0.0, 2 * math.pi, size=(batch, 1))
    amp = rng.uniform(0.5, 1.0, size=(batch, 1))
    t = np.arange(length + 1)[None, :]
    clean = amp * np.sin(freq * t + phase)
    noisy = clean[:, :-1] + NOISE * rng.standard_normal((batch, length))
    return (torch.from_numpy(noisy[..., None]), torch.from_numpy(clean[:, 1:, None]))


class SineLstm(nn.Module):
    """h, c = LSTM(x); y = W h + b."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, 1)

    def forward(self, x):
        h, _ = self.lstm(x)
        return self.head(h)


def write_safetensors(path, tensors):
    """The safetensors format: an 8-byte little-endian header length, a JSON header, the data."""
    header, blobs, offset = {}, [], 0
    for name, value in tensors.items():
        data = np.ascontiguousarray(value, dtype="<f8").tobytes()
        header[name] = {"dtype": "F64", "shape": list(value.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    torch.backends.mkldnn.enabled = False
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)

    model = SineLstm()
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

    MODEL.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(model, (x,), MODEL / "sine_lstm.onnx", input_names=["x"],
                      output_names=["y"], dynamic_axes={"x": {1: "T"}, "y": {1: "T"}},
                      opset_version=14)
    write_safetensors(MODEL / "sine_lstm.safetensors",
                      {k: v.detach().numpy() for k, v in model.state_dict().items()})

    TEST_CSV.parent.mkdir(parents=True, exist_ok=True)
    with open(TEST_CSV, "w", encoding="utf-8", newline="\n") as f:
        f.write("x,target,torch\n")
        for xi, yi, pi in zip(x[0, :, 0].tolist(), y[0, :, 0].tolist(), pred[0, :, 0].tolist()):
            f.write(f"{xi!r},{yi!r},{pi!r}\n")
    print(f"wrote model/sine_lstm.onnx, model/sine_lstm.safetensors"
          f" and {SEQ_LEN} test rows to {TEST_CSV.relative_to(HERE)}")


if __name__ == "__main__":
    main()
