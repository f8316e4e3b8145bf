#!/usr/bin/python3
"""PyTorch float64 peer: full Hessian of the squared loss with torch.autograd.functional.hessian.

Usage: /usr/bin/python3 bench/peer_torch.py NET.json DATA.json [--vectorize] [--eigvalsh]

Reads the layered network and dataset JSON of docs/ARCHITECTURE.md §4 (exact strings → Fraction → float64; the
bench files are dyadic, so the conversion is exact), builds
    L(θ) = (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²        (no factor ½; hidden ReLU, linear output)
as a function of the flat parameter vector θ in PyTorch parameter order (layer 0 weight row-major
(out, in), layer 0 bias, layer 1 weight, …), computes the full P × P Hessian with
torch.autograd.functional.hessian in float64 and prints P, loss, trace and squared Frobenius norm
as one JSON line. The benchmark times this whole process, imports included.
--vectorize passes vectorize=True (batched vjp through vmap) instead of the default P backward passes.
--eigvalsh also computes every eigenvalue with torch.linalg.eigvalsh (float64, ascending) and prints
them under "eigenvalues" (float reprs, round-trip exact): the peer of flatcheck's certified spectrum.
"""
import json
import sys
from fractions import Fraction

import torch


def num(s):
    return float(Fraction(s))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    vectorize = "--vectorize" in sys.argv[1:]
    eig = "--eigvalsh" in sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: peer_torch.py NET.json DATA.json [--vectorize] [--eigvalsh]")
    with open(args[0], encoding="utf-8") as f:
        net = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        data = json.load(f)
    if "layers" not in net:
        sys.exit("peer_torch.py: only layered networks are supported")
    dt = torch.float64
    layers = net["layers"]
    has_bias = "biases" in net
    shapes, theta = [], []
    for l in range(len(layers) - 1):
        w = torch.tensor([[num(v) for v in row] for row in net["weights"][l]], dtype=dt)
        shapes.append(("w", tuple(w.shape)))
        theta.append(w.reshape(-1))
        if has_bias:
            b = torch.tensor([num(v) for v in net["biases"][l]], dtype=dt)
            shapes.append(("b", tuple(b.shape)))
            theta.append(b)
    theta = torch.cat(theta)
    x = torch.tensor([[num(v) for v in row] for row in data["inputs"]], dtype=dt)
    y = torch.tensor([[num(v) for v in row] for row in data["targets"]], dtype=dt)
    n = x.shape[0]

    def loss(t):
        h, at, k = x, 0, 0
        while k < len(shapes):
            out, inp = shapes[k][1]
            w = t[at:at + out * inp].reshape(out, inp)
            at += out * inp
            k += 1
            z = h @ w.T
            if has_bias:
                z = z + t[at:at + out]
                at += out
                k += 1
            h = torch.relu(z) if k < len(shapes) else z
        return ((h - y) ** 2).sum() / n

    hess = torch.autograd.functional.hessian(loss, theta, vectorize=vectorize)
    extra = {}
    if eig:
        extra["eigenvalues"] = [repr(v) for v in torch.linalg.eigvalsh(hess).tolist()]
    print(json.dumps({
        "num_params": theta.numel(),
        "loss": loss(theta).item(),
        "hessian_trace": torch.trace(hess).item(),
        "hessian_frobenius_squared": (hess * hess).sum().item(),
        "hessian_symmetric_max_abs_diff": (hess - hess.T).abs().max().item(),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "vectorize": vectorize,
        **extra,
    }))


if __name__ == "__main__":
    main()
