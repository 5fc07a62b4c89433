#!/usr/bin/env python3
"""Times one training step per sequence element in PyTorch, for benchmarks/training.sh.

The task is TrainingBenchmark's: an Elman layer (input 32, H tanh units, batch 1, float64) with
a linear read-out, MSE on every step of a 100-step sequence, backward through time and one Adam
update, on one thread. Two forms: torch.nn.RNN, and the same cell written as a Python loop.
Prints one JSON object: {"H": {"rnn": ns per element, "cell": ns per element}, ...}.

Run with Debian's python3-torch: /usr/bin/python3 benchmarks/pytorch/training_step.py
"""
import json
import sys
import time

import torch

LENGTH, INPUT = 100, 32


def timed(step, seconds):
    for _ in range(10):
        step()
    best = []
    for _ in range(5):
        n, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds / 5:
            step()
            n += 1
        best.append((time.perf_counter() - start) / n)
    best.sort()
    return best[len(best) // 2] / LENGTH * 1e9


def task(hidden):
    torch.manual_seed(1)
    x = torch.rand(1, LENGTH, INPUT, dtype=torch.float64) * 2 - 1
    y = torch.rand(1, LENGTH, 1, dtype=torch.float64) * 2 - 1
    rnn = torch.nn.RNN(INPUT, hidden, nonlinearity="tanh", batch_first=True).double()
    head = torch.nn.Linear(hidden, 1).double()
    opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-4)

    def rnn_step():
        opt.zero_grad()
        out, _ = rnn(x)
        loss = torch.nn.functional.mse_loss(head(out), y)
        loss.backward()
        opt.step()

    w_ih = (torch.rand(hidden, INPUT, dtype=torch.float64) - 0.5).requires_grad_()
    w_hh = (torch.rand(hidden, hidden, dtype=torch.float64) * 0.2 - 0.1).requires_grad_()
    b = torch.zeros(hidden, dtype=torch.float64, requires_grad=True)
    w_o = (torch.rand(1, hidden, dtype=torch.float64) * 0.2 - 0.1).requires_grad_()
    b_o = torch.zeros(1, dtype=torch.float64, requires_grad=True)
    cell_opt = torch.optim.Adam([w_ih, w_hh, b, w_o, b_o], lr=1e-4)

    def cell_step():
        cell_opt.zero_grad()
        h = torch.zeros(hidden, dtype=torch.float64)
        outs = []
        for t in range(LENGTH):
            h = torch.tanh(w_ih @ x[0, t] + w_hh @ h + b)
            outs.append(w_o @ h + b_o)
        loss = torch.nn.functional.mse_loss(torch.stack(outs), y[0])
        loss.backward()
        cell_opt.step()

    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    return {"rnn": timed(rnn_step, seconds), "cell": timed(cell_step, seconds)}


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.backends.mkldnn.enabled = False
    print(json.dumps({h: task(h) for h in (16, 64, 256)}))
