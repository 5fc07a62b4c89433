#!/usr/bin/env python3
"""Makes the PyTorch reference fixtures for rnnc's equivalence tests.

Run with Debian's python3-torch (apt-get install python3-torch python3-numpy):

    /usr/bin/python3 compiler/src/test/resources/pytorch/make_fixtures.py

It writes, for each case directory, the weights as .npy (float64, C order), the input
sequence as input.csv and PyTorch's outputs as expected.csv (header `step,<columns>`, as
`rnnc run` prints). The tests read these files; they never run Python.

Regenerating them on a machine with another BLAS or LAPACK may change the last bits of
some values (matrix products, eigenvalues); the tests' tolerances (1e-12) accept either,
but there is no need to replace committed cases: pass case names to make only those.
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


CELL_SPEC = """# {title}
# make_fixtures.py wrote the weights and PyTorch's outputs beside this file.
rnnc: 1
name: {name}
precision: {precision}
inputs:
{inputs}
groups:
  h: {{size: {hidden}, cell: {cell}, bias: {{file: b_ih.npy}}, recurrent_bias: {{file: b_hh.npy}}{initial}}}
  y: {{size: {out}, bias: {{file: b_out.npy}}}}
edges:
{input_edges}
  - {{from: h, to: h, weights: {{file: w_hh.npy}}}}
  - {{from: h, to: y, weights: {{file: w_out.npy}}}}
outputs: [h, y]
"""


def cell(case, kind, input_sizes, hidden, out_size, steps, seed, initial=False, precision="double"):
    """nn.LSTM / nn.GRU plus a linear head, as a `cell:` group. With several input sizes the
    spec has one vector input per size, whose edges split PyTorch's weight_ih by columns."""
    torch.manual_seed(seed)
    input_size = sum(input_sizes)
    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    rnn = layer(input_size, hidden, batch_first=True).double()
    head = torch.nn.Linear(hidden, out_size).double()
    x = torch.randn(1, steps, input_size, dtype=torch.float64)
    h0 = torch.randn(1, 1, hidden, dtype=torch.float64) if initial else None
    with torch.no_grad():
        if kind == "lstm":
            state = None if h0 is None else (h0, torch.zeros_like(h0))
        else:
            state = h0
        h_seq, _ = rnn(x, state)
        y_seq = head(h_seq)
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    w_ih = rnn.weight_ih_l0.detach().numpy()
    names = ["x"] if len(input_sizes) == 1 else [f"x{k}" for k in range(len(input_sizes))]
    inputs, edges, start = [], [], 0
    for name, size in zip(names, input_sizes):
        np.save(d / f"w_ih_{name}.npy", np.ascontiguousarray(w_ih[:, start:start + size]))
        inputs.append(f"  {name}: {{type: vector, size: {size}}}")
        edges.append(f"  - {{from: {name}, to: h, weights: {{file: w_ih_{name}.npy}}}}")
        start += size
    np.save(d / "w_hh.npy", rnn.weight_hh_l0.detach().numpy())
    np.save(d / "b_ih.npy", rnn.bias_ih_l0.detach().numpy())
    np.save(d / "b_hh.npy", rnn.bias_hh_l0.detach().numpy())
    np.save(d / "w_out.npy", head.weight.detach().numpy())
    np.save(d / "b_out.npy", head.bias.detach().numpy())
    init = ""
    if initial:
        np.save(d / "h0.npy", h0[0, 0].numpy())
        init = ", initial: {file: h0.npy}"
    (d / "spec.yaml").write_text(CELL_SPEC.format(
        title=f"torch.nn.{kind.upper()} ({hidden} units) plus a linear head, as a 'cell: {kind}' group.",
        name="Torch" + kind.capitalize(), precision=precision, inputs="\n".join(inputs),
        hidden=hidden, cell=kind, initial=init, out=out_size, input_edges="\n".join(edges)))
    header = [f"x[{i}]" for i in range(input_size)]
    if len(input_sizes) > 1:
        header = [f"{n}[{i}]" for n, size in zip(names, input_sizes) for i in range(size)]
    write_csv(d / "input.csv", header, x[0].numpy())
    header = ["step"] + [f"h[{i}]" for i in range(hidden)] + [f"y[{i}]" for i in range(out_size)]
    rows = []
    for t in range(steps):
        rows.append([t] + list(h_seq[0, t].numpy()) + list(y_seq[0, t].numpy()))
    write_csv(d / "expected.csv", header, rows)


TRAIN_SPEC = """rnnc: 1
name: TrainElman
inputs:
  x: {{type: vector, size: {inputs}}}
groups:
  h: {{size: {hidden}, activation: tanh, bias: {{file: b_h.npy}}}}
  o: {{size: {outputs}, activation: {activation}, bias: {{file: b_o.npy}}}}
edges:
  - {{from: x, to: h, weights: {{file: w_ih.npy}}}}
  - {{from: h, to: h, weights: {{file: w_hh.npy}}, delay: 1}}
  - {{from: h, to: o, weights: {{file: w_o.npy}}}}
outputs: [o]
"""


def elman_training(case, loss, optimizer, lr, momentum, epochs, bptt, clip, seed,
                   inputs=3, hidden=6, outputs=2, steps=40):
    """Trains an Elman network with autograd as `rnnc train` defines it (DESIGN section 7).

    The hidden layer has one bias (rnnc's), so this writes the recurrence by hand rather than
    with nn.RNN, whose two biases would each get their own optimizer update.
    """
    torch.manual_seed(seed)
    p = {
        "w_ih": (torch.randn(hidden, inputs, dtype=torch.float64) * 0.5),
        "w_hh": (torch.randn(hidden, hidden, dtype=torch.float64) * 0.3),
        "b_h": (torch.randn(hidden, dtype=torch.float64) * 0.1),
        "w_o": (torch.randn(outputs, hidden, dtype=torch.float64) * 0.5),
        "b_o": (torch.randn(outputs, dtype=torch.float64) * 0.1),
    }
    x = torch.randn(steps, inputs, dtype=torch.float64)
    if loss == "bce":
        target = torch.rand(steps, outputs, dtype=torch.float64)
        target[target > 0.7] = 1.0
    elif loss == "cross_entropy":
        target = torch.randint(0, outputs, (steps,))
    else:
        target = torch.randn(steps, outputs, dtype=torch.float64)
    present = torch.rand(steps, outputs) > 0.2
    if loss == "cross_entropy":
        present = torch.rand(steps, 1) > 0.2
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    for name, value in p.items():
        np.save(d / f"{name}.npy", value.numpy())
    activation = "sigmoid" if loss == "bce" else "identity"
    (d / "spec.yaml").write_text(TRAIN_SPEC.format(
        inputs=inputs, hidden=hidden, outputs=outputs, activation=activation))
    write_csv(d / "input.csv", [f"x[{i}]" for i in range(inputs)], x.numpy())
    with open(d / "target.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if loss == "cross_entropy":
            # One cell per step: the class index of the group output o (its values are logits).
            w.writerow(["o"])
            for t in range(steps):
                w.writerow([int(target[t]) if present[t, 0] else ""])
        else:
            w.writerow([f"o[{k}]" for k in range(outputs)])
            for t in range(steps):
                w.writerow([repr(float(target[t, k])) if present[t, k] else ""
                            for k in range(outputs)])

    params = [p[n].clone().requires_grad_(True) for n in ("w_ih", "w_hh", "b_h", "w_o", "b_o")]
    w_ih, w_hh, b_h, w_o, b_o = params
    if optimizer == "adam":
        opt = torch.optim.Adam(params, lr=lr)
    else:
        opt = torch.optim.SGD(params, lr=lr, momentum=momentum)

    def chunk_loss(h, start, end):
        total = torch.zeros((), dtype=torch.float64)
        count = 0
        for t in range(start, end):
            h = torch.tanh(w_ih @ x[t] + w_hh @ h + b_h)
            o = w_o @ h + b_o
            if loss == "bce":
                o = torch.sigmoid(o)
            if loss == "cross_entropy":
                if present[t, 0]:
                    total = total + torch.nn.functional.cross_entropy(
                        o.unsqueeze(0), target[t:t + 1], reduction="sum")
                    count += 1
                continue
            for k in range(outputs):
                if present[t, k]:
                    if loss == "bce":
                        total = total + torch.nn.functional.binary_cross_entropy(
                            o[k], target[t, k], reduction="sum")
                    else:
                        total = total + (o[k] - target[t, k]) ** 2
                    count += 1
        return total, count, h

    # The gradient of the whole sequence's mean loss at the initial weights.
    total, count, _ = chunk_loss(torch.zeros(hidden, dtype=torch.float64), 0, steps)
    grads = torch.autograd.grad(total / count, params)
    for name, g in zip(("w_ih", "w_hh", "b_h", "w_o", "b_o"), grads):
        np.save(d / f"grad_{name}.npy", g.numpy())

    chunk = steps if bptt == "full" else bptt
    losses = []
    for epoch in range(epochs):
        h = torch.zeros(hidden, dtype=torch.float64)
        epoch_sum, epoch_count = 0.0, 0
        for start in range(0, steps, chunk):
            end = min(steps, start + chunk)
            total, count, h_end = chunk_loss(h.detach(), start, end)
            h = h_end.detach()
            if count == 0:
                continue
            epoch_sum += float(total)
            epoch_count += count
            opt.zero_grad()
            (total / count).backward()
            if clip is not None:
                torch.nn.utils.clip_grad_norm_(params, clip)
            opt.step()
        losses.append([epoch + 1, epoch_sum / epoch_count])
    write_csv(d / "losses.csv", ["epoch", "loss"], losses)
    for name, value in zip(("w_ih", "w_hh", "b_h", "w_o", "b_o"), params):
        np.save(d / f"final_{name}.npy", value.detach().numpy())
    (d / "command.txt").write_text(
        f"--loss {loss} --optimizer {optimizer} --lr {lr} --momentum {momentum}"
        f" --epochs {epochs} --bptt {bptt}" + (f" --clip {clip}" if clip else "") + "\n")


CELL_TRAIN_SPEC = """rnnc: 1
name: Train{title}
inputs:
  x: {{type: vector, size: {inputs}}}
groups:
  h: {{size: {hidden}, cell: {kind}, bias: {{file: b_ih.npy}}, recurrent_bias: {{file: b_hh.npy}}}}
  o: {{size: {outputs}, bias: {{file: b_o.npy}}}}
edges:
  - {{from: x, to: h, weights: {{file: w_ih.npy}}}}
  - {{from: h, to: h, weights: {{file: w_hh.npy}}}}
  - {{from: h, to: o, weights: {{file: w_o.npy}}}}
outputs: [o]
"""


def cell_training(case, kind, optimizer, lr, momentum, epochs, bptt, seed,
                  inputs=3, hidden=5, outputs=2, steps=36):
    """Trains nn.LSTM / nn.GRU plus a linear head with MSE as `rnnc train` does (both biases
    are parameters of their own, as in the spec's bias and recurrent_bias)."""
    torch.manual_seed(seed)
    layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    rnn = layer(inputs, hidden).double()
    head = torch.nn.Linear(hidden, outputs).double()
    x = torch.randn(steps, inputs, dtype=torch.float64)
    target = torch.randn(steps, outputs, dtype=torch.float64)
    present = torch.rand(steps, outputs) > 0.2
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    names = ("w_ih", "w_hh", "b_ih", "b_hh", "w_o", "b_o")
    params = [rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0,
              head.weight, head.bias]
    for name, value in zip(names, params):
        np.save(d / f"{name}.npy", value.detach().numpy())
    (d / "spec.yaml").write_text(CELL_TRAIN_SPEC.format(
        title=kind.capitalize(), inputs=inputs, hidden=hidden, outputs=outputs, kind=kind))
    write_csv(d / "input.csv", [f"x[{i}]" for i in range(inputs)], x.numpy())
    with open(d / "target.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([f"o[{k}]" for k in range(outputs)])
        for t in range(steps):
            w.writerow([repr(float(target[t, k])) if present[t, k] else "" for k in range(outputs)])

    def zero_state():
        h = torch.zeros(1, hidden, dtype=torch.float64)
        return (h, torch.zeros_like(h)) if kind == "lstm" else h

    def detach(state):
        return tuple(s.detach() for s in state) if kind == "lstm" else state.detach()

    def chunk_loss(state, start, end):
        seq, state = rnn(x[start:end], state)
        o = head(seq)
        mask = present[start:end]
        diff = (o - target[start:end])[mask]
        return (diff ** 2).sum(), int(mask.sum()), state

    total, count, _ = chunk_loss(zero_state(), 0, steps)
    grads = torch.autograd.grad(total / count, params)
    for name, g in zip(names, grads):
        np.save(d / f"grad_{name}.npy", g.numpy())

    opt = (torch.optim.Adam(params, lr=lr) if optimizer == "adam"
           else torch.optim.SGD(params, lr=lr, momentum=momentum))
    chunk = steps if bptt == "full" else bptt
    losses = []
    for epoch in range(epochs):
        state = zero_state()
        epoch_sum, epoch_count = 0.0, 0
        for start in range(0, steps, chunk):
            end = min(steps, start + chunk)
            total, count, state_end = chunk_loss(detach(state), start, end)
            state = detach(state_end)
            if count == 0:
                continue
            epoch_sum += float(total)
            epoch_count += count
            opt.zero_grad()
            (total / count).backward()
            opt.step()
        losses.append([epoch + 1, epoch_sum / epoch_count])
    write_csv(d / "losses.csv", ["epoch", "loss"], losses)
    for name, value in zip(names, params):
        np.save(d / f"final_{name}.npy", value.detach().numpy())
    (d / "command.txt").write_text(
        f"--loss mse --optimizer {optimizer} --lr {lr} --momentum {momentum}"
        f" --epochs {epochs} --bptt {bptt}\n")


JORDAN_SPEC = """rnnc: 1
name: TrainJordan
inputs:
  x: {type: vector, size: 3}
groups:
  h: {size: 5, activation: tanh, bias: {file: b_h.npy}}
  o: {size: 2, bias: {file: b_o.npy}}
edges:
  - {from: x, to: h, weights: {file: w_ih.npy}}
  - {from: o, to: h, weights: {file: w_oh.npy}}
  - {from: h, to: o, weights: {file: w_o.npy}}
outputs: [o]
"""


def jordan_training(case, epochs, lr, bptt, seed, steps=30):
    """A Jordan network: the output o feeds back into the hidden layer h. Both orders of h and o
    have one backward edge; ties follow the file, so h comes first and o -> h reads o(t-1)
    (0 before the first step). Trained with Adam on MSE, in BPTT chunks."""
    torch.manual_seed(seed)
    p = {
        "w_ih": torch.randn(5, 3, dtype=torch.float64) * 0.5,
        "w_oh": torch.randn(5, 2, dtype=torch.float64) * 0.5,
        "b_h": torch.randn(5, dtype=torch.float64) * 0.1,
        "w_o": torch.randn(2, 5, dtype=torch.float64) * 0.5,
        "b_o": torch.randn(2, dtype=torch.float64) * 0.1,
    }
    x = torch.randn(steps, 3, dtype=torch.float64)
    target = torch.randn(steps, 2, dtype=torch.float64)
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    for name, value in p.items():
        np.save(d / f"{name}.npy", value.numpy())
    (d / "spec.yaml").write_text(JORDAN_SPEC)
    write_csv(d / "input.csv", [f"x[{i}]" for i in range(3)], x.numpy())
    write_csv(d / "target.csv", ["o[0]", "o[1]"], target.numpy())
    names = ("w_ih", "w_oh", "b_h", "w_o", "b_o")
    params = [p[n].clone().requires_grad_(True) for n in names]
    w_ih, w_oh, b_h, w_o, b_o = params
    opt = torch.optim.Adam(params, lr=lr)

    def chunk(o_prev, start, end):
        total = torch.zeros((), dtype=torch.float64)
        o = o_prev
        for t in range(start, end):
            h = torch.tanh(w_ih @ x[t] + w_oh @ o + b_h)
            o = w_o @ h + b_o
            total = total + ((o - target[t]) ** 2).sum()
        return total, 2 * (end - start), o

    total, count, _ = chunk(torch.zeros(2, dtype=torch.float64), 0, steps)
    for name, g in zip(names, torch.autograd.grad(total / count, params)):
        np.save(d / f"grad_{name}.npy", g.numpy())
    losses = []
    for epoch in range(epochs):
        o_prev = torch.zeros(2, dtype=torch.float64)
        epoch_sum, epoch_count = 0.0, 0
        for start in range(0, steps, bptt):
            end = min(steps, start + bptt)
            total, count, o_end = chunk(o_prev.detach(), start, end)
            o_prev = o_end.detach()
            epoch_sum += float(total)
            epoch_count += count
            opt.zero_grad()
            (total / count).backward()
            opt.step()
        losses.append([epoch + 1, epoch_sum / epoch_count])
    write_csv(d / "losses.csv", ["epoch", "loss"], losses)
    for name, value in zip(names, params):
        np.save(d / f"final_{name}.npy", value.detach().numpy())
    (d / "command.txt").write_text(
        f"--loss mse --optimizer adam --lr {lr} --epochs {epochs} --bptt {bptt}\n")


RIDGE_SPEC = """rnnc: 1
name: RidgeEsn
inputs:
  u: {type: vector, size: 2}
groups:
  r: {size: 30, activation: tanh, bias: {file: b_r.npy}}
  o: {size: 2}
edges:
  - {from: u, to: r, weights: {file: w_in.npy}}
  - {from: r, to: r, weights: {file: w_res.npy}, delay: 1}
  - {from: o, to: r, weights: {file: w_fb.npy}}
  - {from: r, to: o, weights: {file: w_out.npy}}
  - {from: u, to: o, weights: {file: w_uo.npy}, trainable: false}
outputs: [o]
"""


def ridge_readout(case, steps, ridge, warmup, seed):
    """An echo state network whose readout o feeds back into the reservoir r (the edge o -> r
    comes after r in the order, so it reads o's previous value). With every target present, the
    teacher-forced states are r(t) = tanh(W_in u(t) + W r(t-1) + W_fb y(t-1) + b), y(t-1) the
    target (0 before the first step); the readout is fitted as DESIGN section 7 says."""
    rng = np.random.RandomState(seed)
    n, m = 30, 2
    w_in = rng.uniform(-0.5, 0.5, (n, 2))
    w_res = rng.normal(0, 1, (n, n)) * (rng.uniform(0, 1, (n, n)) < 0.2)
    w_res *= 0.9 / max(abs(np.linalg.eigvals(w_res)))
    w_fb = rng.uniform(-0.3, 0.3, (n, m))
    b_r = rng.normal(0, 0.1, n)
    w_out = rng.normal(0, 0.1, (m, n))
    w_uo = rng.normal(0, 0.5, (m, 2))
    u = rng.normal(0, 1, (steps, 2))
    time = np.arange(steps)
    target = np.stack([np.sin(0.2 * time), np.cos(0.31 * time) * 0.5], axis=1)
    d = HERE / case
    d.mkdir(parents=True, exist_ok=True)
    for name, value in dict(w_in=w_in, w_res=w_res, w_fb=w_fb, b_r=b_r, w_out=w_out,
                            w_uo=w_uo).items():
        np.save(d / f"{name}.npy", value)
    (d / "spec.yaml").write_text(RIDGE_SPEC)
    write_csv(d / "input.csv", ["u[0]", "u[1]"], u)
    write_csv(d / "target.csv", ["o[0]", "o[1]"], target)
    r = np.zeros(n)
    y = np.zeros(m)
    states = []
    for t in range(steps):
        r = np.tanh(w_in @ u[t] + w_res @ r + w_fb @ y + b_r)
        states.append(r)
        y = target[t]
    x = np.array(states)[warmup:]
    z = target[warmup:] - u[warmup:] @ w_uo.T
    x_mean, z_mean = x.mean(axis=0), z.mean(axis=0)
    xc, zc = x - x_mean, z - z_mean
    w = np.linalg.solve(xc.T @ xc + ridge * np.eye(n), xc.T @ zc)
    np.save(d / "final_w_out.npy", np.ascontiguousarray(w.T))
    np.save(d / "final_b_o.npy", z_mean - x_mean @ w)
    (d / "command.txt").write_text(f"--method ridge --ridge {ridge} --warmup {warmup}\n")


CASES = {
    "lstm": lambda: cell("lstm", "lstm", [3], hidden=7, out_size=2, steps=60, seed=31),
    "lstm_h0_two_inputs": lambda: cell(
        "lstm_h0_two_inputs", "lstm", [2, 3], hidden=5, out_size=2, steps=40, seed=32, initial=True),
    "gru": lambda: cell("gru", "gru", [3], hidden=7, out_size=2, steps=60, seed=33),
    "gru_h0_two_inputs": lambda: cell(
        "gru_h0_two_inputs", "gru", [4, 1], hidden=6, out_size=3, steps=40, seed=34, initial=True),
    "elman": lambda: elman("elman", input_size=3, hidden=8, out_size=2, steps=50, seed=7),
    "train_adam_mse": lambda: elman_training(
        "train_adam_mse", "mse", "adam", 0.01, 0.0, 6, "full", None, seed=11),
    "train_sgd_bce": lambda: elman_training(
        "train_sgd_bce", "bce", "sgd", 0.05, 0.9, 5, 7, 0.5, seed=12),
    "train_lstm": lambda: cell_training(
        "train_lstm", "lstm", "adam", 0.02, 0.0, 5, 10, seed=41),
    "train_gru": lambda: cell_training(
        "train_gru", "gru", "sgd", 0.1, 0.9, 5, "full", seed=42),
    "train_jordan": lambda: jordan_training("train_jordan", epochs=5, lr=0.02, bptt=8, seed=14),
    "ridge_esn": lambda: ridge_readout("ridge_esn", steps=300, ridge=1e-4, warmup=20, seed=21),
    "train_adam_ce": lambda: elman_training(
        "train_adam_ce", "cross_entropy", "adam", 0.02, 0.0, 4, 10, None, seed=13, outputs=3),
}


if __name__ == "__main__":
    import sys

    torch.backends.mkldnn.enabled = False
    for name in sys.argv[1:] or CASES:
        CASES[name]()
