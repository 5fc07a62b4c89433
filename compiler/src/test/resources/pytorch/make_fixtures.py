#!/usr/bin/env python3
"""Makes the PyTorch reference fixtures for rnnc's equivalence tests.

Run with Debian's python3-torch (apt-get install python3-torch python3-numpy):

    /usr/bin/python3 compiler/src/test/resources/pytorch/make_fixtures.py

It writes, for each case directory, the weights as .npy (float64, C order), the input
sequence as input.csv and PyTorch's outputs as expected.csv (header `step,<columns>`, as
`rnnc run` prints). The tests read these files; they never run Python.
"""
import csv
import pathlib

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if header is not None:
            w.writerow(header)
        for row in rows:
            w.writerow([repr(float(v)) if not isinstance(v, int) else v for v in row])


def elman(case, input_size, hidden, out_size, steps, seed):
    torch.manual_seed(seed)
    rnn = torch.nn.RNN(input_size, hidden, nonlinearity="tanh", batch_first=True).double()
    head = torch.nn.Linear(hidden, out_size).double()
    x = torch.randn(1, steps, input_size, dtype=torch.float64)
    with torch.no_grad():
        h_seq, _ = rnn(x)
        y_seq = head(h_seq)
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    np.save(d / "w_ih.npy", rnn.weight_ih_l0.detach().numpy())
    np.save(d / "w_hh.npy", rnn.weight_hh_l0.detach().numpy())
    # rnnc has one bias per neuron: PyTorch's b_ih + b_hh.
    np.save(d / "b_h.npy", (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().numpy())
    np.save(d / "w_out.npy", head.weight.detach().numpy())
    np.save(d / "b_out.npy", head.bias.detach().numpy())
    write_csv(d / "input.csv", [f"x[{i}]" for i in range(input_size)], x[0].numpy())
    header = ["step"] + [f"h[{i}]" for i in range(hidden)] + [f"y[{i}]" for i in range(out_size)]
    rows = []
    for t in range(steps):
        rows.append([t] + list(h_seq[0, t].numpy()) + list(y_seq[0, t].numpy()))
    write_csv(d / "expected.csv", header, rows)


if __name__ == "__main__":
    elman("elman", input_size=3, hidden=8, out_size=2, steps=50, seed=7)
