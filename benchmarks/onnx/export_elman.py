#!/usr/bin/python3
"""Exports the Elman networks the benchmarks compare: torch.nn.RNN (tanh), input 32, batch 1.

For each hidden size H it writes, into the benchmarks' resources:
  elman_h{H}.onnx   the network as ONNX (opset 14): inputs X [T, 1, 32] and h0 [1, 1, H],
                    outputs Y [T, 1, H] and h_n [1, 1, H]; T is dynamic, so the same
                    model runs one step (T = 1) or a whole sequence (T = 1000).
  elman_h{H}_w_ih.npy, _w_hh.npy   weight_ih_l0 [H, 32] and weight_hh_l0 [H, H], float32
  elman_h{H}_b.npy                 bias_ih_l0 + bias_hh_l0 [H], summed in float64

The rnnc specs (written by the benchmarks at setup) read the same .npy files, so every
competitor runs the same weights. Deterministic: torch.manual_seed per size.

Run with Debian's Python, which has torch and numpy:  /usr/bin/python3 export_elman.py
"""
import os
import sys

import numpy as np
import torch

INPUT = 32
SIZES = (16, 64, 256)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "main", "resources", "dev", "rnnc", "benchmarks", "elman")


def export(hidden):
    torch.manual_seed(1000 + hidden)
    rnn = torch.nn.RNN(INPUT, hidden, num_layers=1, nonlinearity="tanh", bias=True)
    rnn.eval()
    prefix = os.path.join(OUT, "elman_h%d" % hidden)
    np.save(prefix + "_w_ih.npy", rnn.weight_ih_l0.detach().numpy().astype(np.float32))
    np.save(prefix + "_w_hh.npy", rnn.weight_hh_l0.detach().numpy().astype(np.float32))
    bias = rnn.bias_ih_l0.detach().numpy().astype(np.float64) + rnn.bias_hh_l0.detach().numpy().astype(np.float64)
    np.save(prefix + "_b.npy", bias)
    x = torch.zeros(3, 1, INPUT)
    h0 = torch.zeros(1, 1, hidden)
    torch.onnx.export(
        rnn,
        (x, h0),
        prefix + ".onnx",
        input_names=["X", "h0"],
        output_names=["Y", "h_n"],
        dynamic_axes={"X": {0: "T"}, "Y": {0: "T"}},
        opset_version=14,
        do_constant_folding=True,
    )
    # A reference for the benchmarks' cross-check: 5 steps of a fixed input, float64 math.
    steps = 5
    xs = np.array([[np.sin(0.1 * (t * INPUT + j)) for j in range(INPUT)] for t in range(steps)])
    w_ih = rnn.weight_ih_l0.detach().numpy().astype(np.float64)
    w_hh = rnn.weight_hh_l0.detach().numpy().astype(np.float64)
    h = np.zeros(hidden)
    for t in range(steps):
        h = np.tanh(w_ih @ xs[t] + w_hh @ h + bias)
    np.save(prefix + "_check.npy", h)


def main():
    os.makedirs(OUT, exist_ok=True)
    for hidden in SIZES:
        export(hidden)
        print("wrote elman_h%d" % hidden, file=sys.stderr)


if __name__ == "__main__":
    main()
