#!/usr/bin/env python3
"""Makes this example's data: the Mackey-Glass series of ReservoirPy's benchmark.

Run with Debian's python3-numpy (no network, no ReservoirPy needed):

    /usr/bin/python3 examples/mackey-glass-esn/prepare.py

The series is what ReservoirPy's `mackey_glass(1000)` computes (tau 17, a 0.2, b 0.1,
n 10, x0 1.2, one RK4 step of h = 1 per sample, and a history of x0 + 0.2 (U - 0.5) drawn
with NumPy's RandomState(5555)); the split is that of its `to_forecasting(..., test_size=0.2)`
examples: inputs x(t), targets x(t + 1), the last 20% for testing.

- data/series.csv: the 1000 samples.
- data/train_input.csv, data/train_target.csv: the first 799 input/target pairs.
- data/test_input.csv, data/test_target.csv: the last 200 pairs.
- model/b_r.npy: the reservoir's bias, as ReservoirPy draws its input bias: +1 or -1 for
  a tenth of the units (RandomState(7)), 0 for the rest.
"""
import collections
import csv
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).resolve().parent


def mackey_glass(n_timesteps, tau=17, a=0.2, b=0.1, n=10, x0=1.2, h=1.0, seed=5555):
    rs = np.random.RandomState(seed)
    history_length = int(np.floor(tau / h))
    history = collections.deque(x0 * np.ones(history_length)
                                + 0.2 * (rs.rand(history_length) - 0.5))

    def derivative(xt, xtau):
        return -b * xt + a * xtau / (1 + xtau ** n)

    x = np.zeros(n_timesteps)
    xt = x0
    for i in range(n_timesteps):
        x[i] = xt
        xtau = history.popleft()
        history.append(xt)
        k1 = h * derivative(xt, xtau)
        k2 = h * derivative(xt + 0.5 * k1, xtau)
        k3 = h * derivative(xt + 0.5 * k2, xtau)
        k4 = h * derivative(xt + k3, xtau)
        xt = xt + k1 / 6 + k2 / 3 + k3 / 3 + k4 / 6
    return x


def write(path, header, values):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([header])
        for v in values:
            w.writerow([repr(float(v))])


if __name__ == "__main__":
    series = mackey_glass(1000)
    inputs, targets = series[:-1], series[1:]
    test = 200
    write(HERE / "data/series.csv", "x", series)
    write(HERE / "data/train_input.csv", "u[0]", inputs[:-test])
    write(HERE / "data/train_target.csv", "y", targets[:-test])
    write(HERE / "data/test_input.csv", "u[0]", inputs[-test:])
    write(HERE / "data/test_target.csv", "y", targets[-test:])
    rs = np.random.RandomState(7)
    signs = np.where(rs.rand(100) < 0.5, -1.0, 1.0)
    np.save(HERE / "model/b_r.npy", signs * (rs.rand(100) < 0.1))
