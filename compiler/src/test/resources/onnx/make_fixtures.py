#!/usr/bin/env python3
"""Makes the ONNX fixtures of rnnc's import tests.

Run with Debian's python3-torch and python3-onnx (apt-get install python3-torch python3-onnx):

    /usr/bin/python3 compiler/src/test/resources/onnx/make_fixtures.py [CASE...]

For each case it exports a small seeded PyTorch model with torch.onnx.export (the TorchScript
exporter) to CASE.onnx, and writes into the folder CASE/:

- input.npy: the float32 input sequence, in the model's own layout (batch of one);
- input.csv: the same values, one row per step, as `rnnc run` reads them;
- expected.csv: PyTorch's outputs for that input with every weight and the input converted to
  float64 (header `step,<columns>`, as `rnnc run` prints them);
- the recurrent layer's weights as PyTorch stores them (weight_ih_l0.npy, weight_hh_l0.npy,
  bias_ih_l0.npy, bias_hh_l0.npy; float64, exact copies of the float32 values).

The tests read these files; they never run Python. Cases named unsupported_* hold an operator or
an option that rnnc does not import; only their .onnx file is written.
"""
import csv
import inspect
import pathlib
import sys

import numpy as np
import torch

HERE = pathlib.Path(__file__).resolve().parent

torch.backends.mkldnn.enabled = False


class Recurrent(torch.nn.Module):
    """A recurrent layer followed by a head; returns the head's output at every step."""

    def __init__(self, kind, inputs, hidden, head, batch_first=False, squeeze=False, **options):
        super().__init__()
        layer = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
        self.rnn = layer(inputs, hidden, batch_first=batch_first, **options)
        self.head = head
        self.squeeze = squeeze

    def forward(self, x):
        h, _ = self.rnn(x)
        if self.squeeze:
            h = h.squeeze(1)  # [steps, hidden]: nn.Linear on a 2-D tensor exports as Gemm
        return self.head(h)


def export(case, model, steps, inputs, batch_first, dynamic, opset=14, fold=True):
    """Exports the model to CASE.onnx and returns the input it was traced with. Without constant
    folding (fold=False) the exporter leaves its reshuffling of the weights in the graph."""
    model = model.eval()
    shape = (1, steps, inputs) if batch_first else (steps, 1, inputs)
    x = torch.randn(*shape, dtype=torch.float32)
    kwargs = {}
    if dynamic:
        axes = {0: "batch", 1: "steps"} if batch_first else {0: "steps", 1: "batch"}
        kwargs["dynamic_axes"] = {"x": axes}
    if "dynamo" in inspect.signature(torch.onnx.export).parameters:
        kwargs["dynamo"] = False
    torch.onnx.export(model, (x,), str(HERE / f"{case}.onnx"), input_names=["x"],
                      output_names=["y"], opset_version=opset, do_constant_folding=fold,
                      **kwargs)
    return x


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow([v if isinstance(v, int) else repr(float(v)) for v in row])


def case(name, kind, hidden=5, inputs=3, outputs=2, steps=7, batch_first=False, dynamic=True,
         head=None, squeeze=False, fold=True, **options):
    torch.manual_seed(sum(map(ord, name)))
    head = head if head is not None else torch.nn.Linear(hidden, outputs)
    model = Recurrent(kind, inputs, hidden, head, batch_first, squeeze, **options)
    x = export(name, model, steps, inputs, batch_first, dynamic, fold=fold)
    d = HERE / name
    d.mkdir(parents=True, exist_ok=True)
    np.save(d / "input.npy", x.numpy())
    rows = x.reshape(steps, inputs).numpy()
    write_csv(d / "input.csv", [f"x[{i}]" for i in range(inputs)], rows)
    with torch.no_grad():
        y = model.double()(x.double()).reshape(steps, -1).numpy()
    write_csv(d / "expected.csv", ["step"] + [f"y[{k}]" for k in range(y.shape[1])],
              [[t] + list(y[t]) for t in range(steps)])
    for p in ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"):
        np.save(d / f"{p}.npy", getattr(model.rnn, p).detach().numpy().astype(np.float64))


def unsupported(name, model, inputs=3, steps=4, opset=14):
    torch.manual_seed(7)
    export(name, model, steps, inputs, False, True, opset)


class LayerNormAfterLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4)
        self.norm = torch.nn.LayerNorm(4)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.norm(h)


CASES = {
    "rnn_linear": lambda: case("rnn_linear", "rnn"),
    "rnn_relu_batch_first": lambda: case("rnn_relu_batch_first", "rnn", hidden=4,
                                         batch_first=True, dynamic=False, nonlinearity="relu"),
    "rnn_gemm": lambda: case("rnn_gemm", "rnn", dynamic=False, squeeze=True),
    "rnn_mlp": lambda: case("rnn_mlp", "rnn", hidden=6, head=torch.nn.Sequential(
        torch.nn.Linear(6, 4), torch.nn.ReLU(), torch.nn.Linear(4, 3), torch.nn.Sigmoid())),
    "rnn_unfolded": lambda: case("rnn_unfolded", "rnn", fold=False),
    "lstm_linear": lambda: case("lstm_linear", "lstm"),
    "lstm_unfolded": lambda: case("lstm_unfolded", "lstm", fold=False),
    "lstm_batch_first": lambda: case("lstm_batch_first", "lstm", hidden=4, batch_first=True,
                                     dynamic=False),
    "gru_linear": lambda: case("gru_linear", "gru"),
    "gru_batch_first": lambda: case("gru_batch_first", "gru", hidden=4, batch_first=True,
                                    dynamic=False),
    "unsupported_layer_norm": lambda: unsupported("unsupported_layer_norm", LayerNormAfterLstm(),
                                                  opset=17),
    "unsupported_bidirectional": lambda: unsupported(
        "unsupported_bidirectional",
        Recurrent("lstm", 3, 4, torch.nn.Linear(8, 2), bidirectional=True)),
}

if __name__ == "__main__":
    for name in sys.argv[1:] or CASES:
        CASES[name]()
