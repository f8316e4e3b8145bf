#!/usr/bin/env python3
"""Train a tiny float32 MLP with PyTorch and write what flatcheck's TorchImportTest checks.

    /usr/bin/python3 train_tiny_mlp.py OUTDIR

Trains nn.Sequential(Linear(2, 4), ReLU(), Linear(4, 1)) in float32 for a few SGD steps with a fixed
seed, then writes to OUTDIR:

  model.safetensors  the state dict (F32): with the `safetensors` package if it is installed, otherwise
                     written by hand (8-byte little-endian header length, JSON header, raw tensors)
  data.json          the training set in flatcheck's dataset format, as exact fractions
  expected.json      independent reference values:
                       weights        name -> {"shape", "bits"}: every float32 as its uint32 bit pattern
                       inputs_bits    test inputs, float32 bit patterns
                       torch_bits     the model's float32 outputs on them (bit patterns)
                       exact_outputs  the exact rational outputs of the float32 weights on them
                                      ("p/q" strings, computed with fractions.Fraction)
                       exact_loss     the exact mean squared error on data.json (no factor 1/2)
                       torch_loss_bits torch's float32 MSELoss on the same data

No value passes through a decimal string: floats travel as bit patterns or exact fractions.
"""
import json
import os
import struct
import sys
from fractions import Fraction

import torch
from torch import nn


def f32_bits(t):
    """Bit patterns (uint32) of a float32 tensor, flattened in C order."""
    return [struct.unpack("<I", struct.pack("<f", v))[0] for v in t.detach().reshape(-1).tolist()]


def exact(v):
    """A float as an exact fraction string (Fraction(float) is exact)."""
    f = Fraction(v)
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


def save_safetensors(state, path):
    try:
        from safetensors.torch import save_file
    except ImportError:
        save_file = None
    if save_file is not None:
        save_file({k: v.contiguous() for k, v in state.items()}, path, metadata={"format": "pt"})
        return "safetensors package"
    header = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name, t in state.items():
        data = struct.pack("<%df" % t.numel(), *t.detach().reshape(-1).tolist())
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)
    return "written by hand"


def forward_exact(state, x):
    """The network's output on x in exact rational arithmetic."""
    w1 = state["0.weight"].tolist()
    b1 = state["0.bias"].tolist()
    w2 = state["2.weight"].tolist()
    b2 = state["2.bias"].tolist()
    xs = [Fraction(v) for v in x]
    h = [max(Fraction(0), sum(Fraction(w) * xi for w, xi in zip(row, xs)) + Fraction(b)) for row, b in zip(w1, b1)]
    return [sum(Fraction(w) * hj for w, hj in zip(row, h)) + Fraction(b) for row, b in zip(w2, b2)]


def main():
    out = sys.argv[1]
    torch.manual_seed(0)
    torch.set_num_threads(1)
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1)).float()
    x = torch.randn(8, 2, dtype=torch.float32)
    y = (x[:, :1] * x[:, 1:] + 0.25).float()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    for _ in range(5):
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    state = {k: v.detach().clone() for k, v in model.state_dict().items()}
    how = save_safetensors(state, os.path.join(out, "model.safetensors"))

    tests = torch.cat([torch.randn(6, 2, dtype=torch.float32),
                       torch.tensor([[0.5, -1.25], [3.0, 2.0]], dtype=torch.float32)])
    with torch.no_grad():
        torch_out = model(tests)
        torch_loss = loss_fn(model(x), y)
    exact_outputs = [[exact(v) for v in forward_exact(state, row)] for row in tests.tolist()]
    n = x.shape[0]
    exact_loss = sum((forward_exact(state, xi)[0] - Fraction(yi[0])) ** 2
                     for xi, yi in zip(x.tolist(), y.tolist())) / n

    with open(os.path.join(out, "data.json"), "w") as f:
        json.dump({"inputs": [[exact(v) for v in row] for row in x.tolist()],
                   "targets": [[exact(v) for v in row] for row in y.tolist()]}, f)
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump({
            "torch_version": torch.__version__,
            "safetensors_writer": how,
            "weights": {k: {"shape": list(v.shape), "bits": f32_bits(v)} for k, v in state.items()},
            "inputs_bits": [f32_bits(row) for row in tests],
            "torch_bits": [f32_bits(row) for row in torch_out],
            "exact_outputs": exact_outputs,
            "exact_loss": f"{exact_loss.numerator}/{exact_loss.denominator}",
            "torch_loss_bits": f32_bits(torch_loss.reshape(1))[0],
        }, f, indent=1)


if __name__ == "__main__":
    main()
