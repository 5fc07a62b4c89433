#!/usr/bin/env python3
"""Makes this example's data, its untrained model, and PyTorch's training of the same model.

Run with Debian's python3-statsmodels and python3-torch (no network needed):

    /usr/bin/python3 examples/sunspots-elman/prepare.py

- data/sunspots.csv: the yearly sunspot numbers 1700-2008 that statsmodels ships (public
  domain, NOAA NGDC), as year,value.
- data/train_input.csv, data/train_target.csv: years 1700-1920 scaled by 1/100; the input
  of step t is year t, its target year t+1. data/all_input.csv: 1700-2007, for evaluation.
- model/sunspots.yaml and model/*.npy: an Elman network (1 input, 8 tanh units, a linear
  read-out) with PyTorch's default initialization from a fixed seed.
- data/torch_losses.csv: the loss per epoch when PyTorch trains that model as
  `rnnc train ... --optimizer adam --lr 0.01 --epochs 300` does (full BPTT, MSE, Adam).
"""
import csv
import pathlib

import numpy as np
import statsmodels.api as sm
import torch

HERE = pathlib.Path(__file__).resolve().parent
HIDDEN, EPOCHS, LR, LAST_TRAIN_YEAR = 8, 300, 0.01, 1920

SPEC = """# An Elman network for next year's sunspot number (scaled by 1/100). model/ holds it
# untrained (PyTorch's default initialization, made by prepare.py); `rnnc train` writes it
# trained into src/main/rnnc, which the Maven plugin compiles.
rnnc: 1
name: Sunspots
package: dev.rnnc.examples.sunspots
inputs:
  x: {type: vector, size: 1}
groups:
  h: {size: 8, activation: tanh, bias: {file: b_h.npy}}
neurons:
  y: {bias: %r}
edges:
  - {from: x, to: h, weights: {file: w_ih.npy}}
  - {from: h, to: h, weights: {file: w_hh.npy}, delay: 1}
  - {from: h, to: y, weights: {file: w_out.npy}}
outputs: [y]
"""


def write(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(row)


def main():
    data = sm.datasets.sunspots.load_pandas().data
    years = data["YEAR"].astype(int).tolist()
    values = data["SUNACTIVITY"].tolist()
    write(HERE / "data/sunspots.csv", ["year", "value"], zip(years, [repr(v) for v in values]))
    scaled = [v / 100 for v in values]
    n_train = years.index(LAST_TRAIN_YEAR)  # inputs 1700..1919, targets 1701..1920
    write(HERE / "data/train_input.csv", ["x[0]"], [[repr(v)] for v in scaled[:n_train]])
    write(HERE / "data/train_target.csv", ["y"], [[repr(v)] for v in scaled[1:n_train + 1]])
    write(HERE / "data/all_input.csv", ["x[0]"], [[repr(v)] for v in scaled[:-1]])

    torch.manual_seed(2026)
    rnn = torch.nn.RNN(1, HIDDEN, nonlinearity="tanh").double()
    head = torch.nn.Linear(HIDDEN, 1).double()
    # rnnc has one bias per unit: PyTorch's two biases added.
    w_ih = rnn.weight_ih_l0.detach().clone()
    w_hh = rnn.weight_hh_l0.detach().clone()
    b_h = (rnn.bias_ih_l0 + rnn.bias_hh_l0).detach().clone()
    w_out = head.weight.detach().clone()
    b_out = head.bias.detach().clone()
    for name, value in dict(w_ih=w_ih, w_hh=w_hh, b_h=b_h, w_out=w_out).items():
        np.save(HERE / "model" / f"{name}.npy", value.numpy())
    (HERE / "model/sunspots.yaml").write_text(SPEC % float(b_out[0]))

    params = [p.clone().requires_grad_(True) for p in (w_ih, w_hh, b_h, w_out, b_out)]
    w_ih, w_hh, b_h, w_out, b_out = params
    opt = torch.optim.Adam(params, lr=LR)
    x = torch.tensor(scaled[:n_train], dtype=torch.float64)
    t = torch.tensor(scaled[1:n_train + 1], dtype=torch.float64)
    losses = []
    for epoch in range(EPOCHS):
        h = torch.zeros(HIDDEN, dtype=torch.float64)
        total = torch.zeros((), dtype=torch.float64)
        for k in range(n_train):
            h = torch.tanh(w_ih[:, 0] * x[k] + w_hh @ h + b_h)
            y = w_out[0] @ h + b_out[0]
            total = total + (y - t[k]) ** 2
        loss = total / n_train
        losses.append([epoch + 1, repr(float(loss))])
        opt.zero_grad()
        loss.backward()
        opt.step()
    write(HERE / "data/torch_losses.csv", ["epoch", "loss"], losses)


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.backends.mkldnn.enabled = False
    main()
