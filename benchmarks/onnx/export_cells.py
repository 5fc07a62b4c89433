#!/usr/bin/python3
"""Exports the LSTM and GRU networks the cell benchmarks compare: torch.nn.LSTM / nn.GRU,
input 32, one layer, batch 1.

For each kind K in (lstm, gru) and hidden size H it writes, into the benchmarks' resources:
  {K}_h{H}.onnx    the layer as ONNX (opset 14): inputs X [T, 1, 32], h0 [1, 1, H] (and c0
                   for the LSTM), outputs Y [T, 1, 1, H] and h_n (and c_n); T is dynamic, so
                   the same model runs one step or a whole sequence
  {K}_h{H}_w_ih.npy, _w_hh.npy, _b_ih.npy, _b_hh.npy   PyTorch's parameters, float32
  {K}_h{H}_check.npy   h after 5 steps of the cross-check input, float64 NumPy

The rnnc specs (written by the benchmarks at setup) read the same .npy files.
Run with Debian's Python, which has torch, numpy and onnx:  /usr/bin/python3 export_cells.py
"""
import os
import sys

import numpy as np
import torch

INPUT = 32
SIZES = (16, 64, 256)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "main", "resources", "dev", "rnnc", "benchmarks", "cells")


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def export(kind, hidden):
    torch.manual_seed((2000 if kind == "lstm" else 3000) + hidden)
    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind](INPUT, hidden)
    layer.eval()
    prefix = os.path.join(OUT, "%s_h%d" % (kind, hidden))
    params = {
        "w_ih": layer.weight_ih_l0, "w_hh": layer.weight_hh_l0,
        "b_ih": layer.bias_ih_l0, "b_hh": layer.bias_hh_l0,
    }
    for name, value in params.items():
        np.save("%s_%s.npy" % (prefix, name), value.detach().numpy().astype(np.float32))
    x = torch.zeros(3, 1, INPUT)
    h0 = torch.zeros(1, 1, hidden)
    if kind == "lstm":
        args, inputs, outputs = (x, (h0, torch.zeros(1, 1, hidden))), ["X", "h0", "c0"], ["Y", "h_n", "c_n"]
    else:
        args, inputs, outputs = (x, h0), ["X", "h0"], ["Y", "h_n"]
    torch.onnx.export(layer, args, prefix + ".onnx", input_names=inputs, output_names=outputs,
                      dynamic_axes={"X": {0: "T"}, "Y": {0: "T"}}, opset_version=14,
                      do_constant_folding=True)
    # A reference for the benchmarks' cross-check: 5 steps of a fixed input, float64 math
    # on the float32 parameters.
    p = {k: v.detach().numpy().astype(np.float32).astype(np.float64) for k, v in params.items()}
    h = np.zeros(hidden)
    c = np.zeros(hidden)
    H = hidden
    for t in range(5):
        xt = np.array([np.sin(0.1 * (t * INPUT + j)) for j in range(INPUT)])
        gi = p["w_ih"] @ xt + p["b_ih"]
        gh = p["w_hh"] @ h + p["b_hh"]
        if kind == "lstm":
            a = gi + gh
            i, f, g, o = sigmoid(a[:H]), sigmoid(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), sigmoid(a[3 * H:])
            c = f * c + i * g
            h = o * np.tanh(c)
        else:
            r = sigmoid(gi[:H] + gh[:H])
            z = sigmoid(gi[H:2 * H] + gh[H:2 * H])
            n = np.tanh(gi[2 * H:] + r * gh[2 * H:])
            h = (1 - z) * n + z * h
    np.save(prefix + "_check.npy", h)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.backends.mkldnn.enabled = False
    for kind in ("lstm", "gru"):
        for hidden in SIZES:
            export(kind, hidden)
            print("wrote %s_h%d" % (kind, hidden), file=sys.stderr)


if __name__ == "__main__":
    main()
