#!/usr/bin/python3
"""SymPy peer: exact Hessian of the squared loss by symbolic differentiation.

Usage: /usr/bin/python3 bench/peer_sympy.py NET.json DATA.json [--subs]

Reads the layered network and dataset JSON of docs/ARCHITECTURE.md §4. A ReLU network is piecewise polynomial
in its parameters, so the activation pattern at θ is first determined exactly (forward pass with
Fractions; a hidden pre-activation exactly 0 is a kink and exits 3). On that pattern's region
    L(θ) = (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²        (no factor ½)
is a polynomial in one SymPy symbol per parameter (PyTorch order: layer 0 weight row-major
(out, in), layer 0 bias, layer 1 weight, …; inactive units contribute 0). The script builds that
expression, computes the full symbolic P × P Hessian with sympy.hessian, substitutes the exact
parameter values and prints P, loss, trace and squared Frobenius norm (exact p/q) as one JSON line.

Substitution uses Matrix.xreplace (one pass, automatic evaluation of the rational arithmetic),
which is much faster than Matrix.subs; --subs uses subs instead. Expect this to be slow: the point of
this peer is to time the symbolic route, whole process against whole process.
"""
import json
import sys
import time
from fractions import Fraction

import sympy


def pattern(weights, biases, x):
    """Exact forward pass; per hidden layer, the list of booleans 'pre-activation > 0'."""
    h = list(x)
    active = []
    for l, w in enumerate(weights[:-1]):
        z = [sum((wj[i] * h[i] for i in range(len(h))), Fraction(0)) + (biases[l][j] if biases else 0)
             for j, wj in enumerate(w)]
        for j, v in enumerate(z):
            if v == 0:
                sys.stderr.write("peer_sympy.py: kink: hidden unit %d of layer %d is exactly 0 on %s\n"
                                 % (j, l + 1, [str(t) for t in x]))
                sys.exit(3)
        active.append([v > 0 for v in z])
        h = [max(Fraction(0), v) for v in z]
    return active


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    use_subs = "--subs" in sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: peer_sympy.py NET.json DATA.json [--subs]")
    with open(args[0], encoding="utf-8") as f:
        net = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        data = json.load(f)
    if "layers" not in net:
        sys.exit("peer_sympy.py: only layered networks are supported")
    t0 = time.perf_counter()
    layers = net["layers"]
    weights = [[[Fraction(v) for v in row] for row in w] for w in net["weights"]]
    biases = [[Fraction(v) for v in b] for b in net["biases"]] if "biases" in net else None
    xs = [[Fraction(v) for v in row] for row in data["inputs"]]
    ys = [[Fraction(v) for v in row] for row in data["targets"]]

    symbols, values, W, B = [], {}, [], []
    for l in range(len(layers) - 1):
        Wl = [[sympy.Symbol("w%d_%d_%d" % (l, j, i)) for i in range(layers[l])] for j in range(layers[l + 1])]
        for j, row in enumerate(Wl):
            for i, s in enumerate(row):
                symbols.append(s)
                values[s] = sympy.Rational(weights[l][j][i].numerator, weights[l][j][i].denominator)
        W.append(Wl)
        if biases is not None:
            Bl = [sympy.Symbol("b%d_%d" % (l, j)) for j in range(layers[l + 1])]
            for j, s in enumerate(Bl):
                symbols.append(s)
                values[s] = sympy.Rational(biases[l][j].numerator, biases[l][j].denominator)
            B.append(Bl)

    terms = []
    for x, y in zip(xs, ys):
        act = pattern(weights, biases, x)
        h = [sympy.Rational(v.numerator, v.denominator) for v in x]
        for l in range(len(layers) - 1):
            z = [sympy.Add(*[W[l][j][i] * h[i] for i in range(len(h))]) + (B[l][j] if B else 0)
                 for j in range(layers[l + 1])]
            last = l == len(layers) - 2
            h = z if last else [zj if act[l][j] else sympy.Integer(0) for j, zj in enumerate(z)]
        for k, fk in enumerate(h):
            terms.append((fk - sympy.Rational(y[k].numerator, y[k].denominator)) ** 2)
    loss = sympy.Add(*terms) / len(xs)
    t1 = time.perf_counter()

    hess = sympy.hessian(loss, symbols)
    t2 = time.perf_counter()
    hv = hess.subs(values) if use_subs else hess.xreplace(values)
    t3 = time.perf_counter()

    trace = sympy.Add(*[hv[a, a] for a in range(len(symbols))])
    frob = sympy.Add(*[e * e for e in hv])
    print(json.dumps({
        "num_params": len(symbols),
        "loss": str(loss.xreplace(values)),
        "hessian_trace": str(trace),
        "hessian_frobenius_squared": str(frob),
        "seconds_build": round(t1 - t0, 3),
        "seconds_hessian": round(t2 - t1, 3),
        "seconds_substitute": round(t3 - t2, 3),
        "sympy": sympy.__version__,
    }))


if __name__ == "__main__":
    main()
