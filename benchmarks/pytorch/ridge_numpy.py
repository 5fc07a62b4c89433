#!/usr/bin/env python3
"""Times NumPy on RidgeBenchmark's task: a 1000-unit tanh reservoir (10% connected, spectral
radius 0.9) over 10,000 steps, states collected, then the centred normal equations solved
(X^T X + lambda I) W = X^T y. Prints {"collect_ms": ..., "solve_ms": ..., "total_ms": ...}.

Run with Debian's python3-numpy: /usr/bin/python3 benchmarks/pytorch/ridge_numpy.py
(NumPy's BLAS may use both cores; OPENBLAS_NUM_THREADS=1 makes it one.)
"""
import json
import time

import numpy as np

UNITS, STEPS = 1000, 10_000
rng = np.random.default_rng(2)
w_in = rng.uniform(-0.5, 0.5, (UNITS, 1))
w = rng.normal(0, 1, (UNITS, UNITS)) * (rng.random((UNITS, UNITS)) < 0.1)
w *= 0.9 / max(abs(np.linalg.eigvals(w)))
t = np.arange(STEPS)
u = np.sin(0.05 * t) + 0.1 * rng.random(STEPS)
y = np.sin(0.05 * (t + 1))

start = time.perf_counter()
states = np.empty((STEPS, UNITS))
r = np.zeros(UNITS)
for k in range(STEPS):
    r = np.tanh(w_in[:, 0] * u[k] + w @ r)
    states[k] = r
collected = time.perf_counter()
x, z = states[100:], y[100:]
xc, zc = x - x.mean(axis=0), z - z.mean()
coef = np.linalg.solve(xc.T @ xc + 1e-6 * np.eye(UNITS), xc.T @ zc)
done = time.perf_counter()
print(json.dumps({"collect_ms": (collected - start) * 1e3, "solve_ms": (done - collected) * 1e3,
                  "total_ms": (done - start) * 1e3}))
