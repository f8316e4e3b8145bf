#!/usr/bin/python3
"""Deterministic generator of the benchmark networks and datasets (standard library only).

Writes, in the layered-network and dataset JSON formats of docs/ARCHITECTURE.md §4 (numbers as exact strings):

    bench/nets/mlp-4-16-16-1.json  + bench/nets/data-4-256.json   (369 parameters, 256 points)
    bench/nets/mlp-2-8-8-1.json    + bench/nets/data-2-16.json    (105 parameters,  16 points)
    bench/nets/mlp-8-32-32-1.json  + bench/nets/data-8-256.json   (1312 parameters, 256 points, no biases)

The first two networks have biases, the third has none. Weights and biases are k/8 in [-1, 1], inputs k/4 in [-2, 2], targets
k/4 in [-1, 1]. The point θ must be smooth for the Hessian to exist: with exact Fractions the
generator runs the forward pass (hidden h = max(0, W h_prev + b), output linear) and re-draws any
data point on which some hidden pre-activation is exactly 0 (a kink). It re-draws the whole network
if it is mostly dead: every hidden unit must be active on some point and inactive on some point, and
at least MIN_ACTIVE of all (hidden unit, point) pairs must be active.

Usage: /usr/bin/python3 bench/make_nets.py [OUT_DIR]      (default: bench/nets next to this file)
The output is byte-for-byte reproducible (fixed seeds, Python's Mersenne Twister).
"""
import json
import os
import random
import sys
from fractions import Fraction

MIN_ACTIVE = Fraction(2, 5)
MAX_NETWORK_DRAWS = 1000
MAX_POINT_DRAWS = 1000

# (network file, data file, layer widths, number of points, seed, with biases)
SPECS = [
    ("mlp-4-16-16-1.json", "data-4-256.json", [4, 16, 16, 1], 256, 20240416, True),
    ("mlp-2-8-8-1.json", "data-2-16.json", [2, 8, 8, 1], 16, 2024028, True),
    ("mlp-8-32-32-1.json", "data-8-256.json", [8, 32, 32, 1], 256, 20261203, False),
]


def grid(rng, den, lo, hi):
    """A uniformly drawn k/den in [lo, hi]."""
    return Fraction(rng.randint(int(lo * den), int(hi * den)), den)


def draw_network(rng, layers, with_biases=True):
    weights, biases = [], []
    for l in range(len(layers) - 1):
        weights.append([[grid(rng, 8, -1, 1) for _ in range(layers[l])] for _ in range(layers[l + 1])])
        biases.append([grid(rng, 8, -1, 1) if with_biases else Fraction(0) for _ in range(layers[l + 1])])
    return weights, biases


def forward(weights, biases, x):
    """Exact forward pass: (output vector, list of hidden pre-activation vectors)."""
    h = list(x)
    pre = []
    for l, (w, b) in enumerate(zip(weights, biases)):
        z = [sum((wj[i] * h[i] for i in range(len(h))), Fraction(0)) + b[j] for j, wj in enumerate(w)]
        if l == len(weights) - 1:
            return z, pre
        pre.append(z)
        h = [max(Fraction(0), v) for v in z]
    raise AssertionError("unreachable")


def is_kink(pre):
    return any(v == 0 for layer in pre for v in layer)


def draw_point(rng, weights, biases, d, k):
    """A data point whose hidden pre-activations are all non-zero, with its activation pattern."""
    for _ in range(MAX_POINT_DRAWS):
        x = [grid(rng, 4, -2, 2) for _ in range(d)]
        _, pre = forward(weights, biases, x)
        if not is_kink(pre):
            y = [grid(rng, 4, -1, 1) for _ in range(k)]
            return x, y, [v > 0 for layer in pre for v in layer]
    raise RuntimeError("no smooth data point after %d draws" % MAX_POINT_DRAWS)


def generate(layers, n, seed, with_biases=True):
    rng = random.Random(seed)
    for _ in range(MAX_NETWORK_DRAWS):
        weights, biases = draw_network(rng, layers, with_biases)
        points = [draw_point(rng, weights, biases, layers[0], layers[-1]) for _ in range(n)]
        patterns = [p[2] for p in points]
        units = len(patterns[0])
        active = sum(sum(p) for p in patterns)
        every_unit_switches = all(any(p[u] for p in patterns) and not all(p[u] for p in patterns)
                                  for u in range(units))
        if every_unit_switches and Fraction(active, units * n) >= MIN_ACTIVE:
            return weights, biases, [p[0] for p in points], [p[1] for p in points], Fraction(active, units * n)
    raise RuntimeError("no lively network after %d draws" % MAX_NETWORK_DRAWS)


def s(q):
    return str(q)  # Fraction prints as "3/8", "-1/2" or "1": exactly the §4 number strings


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "nets")
    os.makedirs(out, exist_ok=True)
    for net_file, data_file, layers, n, seed, with_biases in SPECS:
        weights, biases, xs, ys, active = generate(layers, n, seed, with_biases)
        name = os.path.splitext(net_file)[0]
        network = {
            "name": name,
            "layers": layers,
            "weights": [[[s(v) for v in row] for row in w] for w in weights],
        }
        if with_biases:
            network["biases"] = [[s(v) for v in b] for b in biases]
        write_json(os.path.join(out, net_file), network)
        write_json(os.path.join(out, data_file), {
            "inputs": [[s(v) for v in x] for x in xs],
            "targets": [[s(v) for v in y] for y in ys],
        })
        params = sum(layers[l] * layers[l + 1] + (layers[l + 1] if with_biases else 0) for l in range(len(layers) - 1))
        print("%s: %d parameters, %d points, %.1f%% of (hidden unit, point) pairs active, no kink"
              % (name, params, n, 100 * float(active)))


if __name__ == "__main__":
    main()
