#!/usr/bin/env python3
"""flatcheck_check.py: an independent checker for flatcheck certificates (format flatcheck-certificate/1).

Written from the format document docs/certificates.md (and the README's "File formats") alone, without
reading flatcheck's Java sources, so that a reviewer need not trust flatcheck: the same idea as drat-trim
checking a SAT solver's proofs. Python 3 standard library only; every number is an exact Fraction.

    python3 checker/flatcheck_check.py CERT... [--json] [--max-check-work N] [--max-bits B]

Exit 0: every certificate valid; 1: one is invalid (its first false fact is printed); 2: one is
malformed (one line naming the field); 4: one is too large to re-check. The worst outcome wins
(2 > 4 > 1 > 0), the same contract as `flatcheck verify-certificate`.

Reading guide: §1 numbers, networks, datasets (parse_*); §2-3 the certificate's structure (Reader);
§4 the quantities (Evaluator); §3.1 the sign test (sign_test_result); §5 the claims' evidence rules
(rule_*); §6 work limits (estimate_work). Section numbers refer to docs/certificates.md.
"""
import argparse
import json
import math
import os
import re
import sys
from fractions import Fraction

FORMAT = "flatcheck-certificate/1"
MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_PATHS = 10 ** 6
ZERO, ONE = Fraction(0), Fraction(1)

# The 14 claims: id -> (kind, source, statement.paper, statement.checked). Generated once from the output
# of `flatcheck prove --markdown` (id, kind, source) and the `statement` of the certificates that
# `flatcheck prove --quick --out DIR` wrote (flatcheck 0.1.0-SNAPSHOT), not from flatcheck's sources.
CLAIMS = {
    "function-invariance": ("theorem", "Dinh et al. 2017 §4 (non-negative homogeneity); Neyshabur et al. 2015 §2; Meng et al. 2019 §3",
        "Dinh et al. 2017 (§4) build observationally equivalent parameters of rectifier networks from the non-negative homogeneity relu(αx) = α·relu(x), α > 0: the α-scale transformation T_α(θ₁, θ₂) = (αθ₁, α⁻¹θ₂) leaves the function unchanged; Neyshabur et al. 2015 rescale single hidden units the same way, and Meng et al. 2019 state that path values are invariant under positive scaling.",
        "Every node rescaling, layer scaling and permutation of hidden units leaves the network function and the loss exactly unchanged, on random layered ReLU networks with and without biases (biases of hidden layer l scaled by Π_{k≤l} α_k), checked on the data and on fresh inputs."),
    "transformation-law": ("theorem", "Dinh et al. 2017 §4 (the Hessian along T_α); the chain rule applied to L(Dθ) = L(θ)",
        "Dinh et al. 2017 (§4) compute how the Hessian changes along the α-scale transformation of a rectifier network; for any linear reparametrisation θ′ = Dθ that leaves the loss unchanged, the chain rule gives ∇L(θ′) = D⁻¹∇L(θ) and ∇²L(θ′) = D⁻¹∇²L(θ)D⁻¹.",
        "For random layered ReLU networks off their kinks and θ′ = Dθ a node rescaling or layer scaling, ∇L(θ′) = D⁻¹∇L(θ) and ∇²L(θ′) = D⁻¹∇²L(θ)D⁻¹ hold exactly (checked along random directions)."),
    "dinh-hessian-unbounded": ("theorem", "Dinh et al. 2017 (ICML, arXiv 1703.04933), Thm 3 (one hidden layer)",
        "Dinh et al. 2017, Thm 3: for a one-hidden-layer rectifier network y = φ_rect(x·θ₁)·θ₂ and a minimum θ = (θ₁, θ₂) with θ₁ ≠ 0 and θ₂ ≠ 0, for every M > 0 there is α > 0 such that the spectral norm of ∇²L(T_α(θ)) is at least M. (Their deep-network result is not checked here.)",
        "At an exact global minimum (L = 0, ∇L = 0, checked) of a random bias-free 2-3-1 ReLU network: tr ∇²L(T_αθ) = tr H₁₁/α² + tr H₂₂·α² for several α, and for M = 10³, 10⁶, 10⁹, 10¹² a rational α with a Rayleigh quotient of ∇²L(T_αθ) at least M; λ_max, hence the spectral norm, is at least that quotient. The loss is the squared loss."),
    "dinh-keskar-sharpness": ("theorem", "Dinh et al. 2017 (ICML, arXiv 1703.04933), Thm 5; Keskar et al. 2017, Metric 2.1 (ε-sharpness)",
        "Dinh et al. 2017, Thm 5: for a one-hidden-layer rectifier network at a minimum, the ε-sharpness (Keskar et al. 2017, Metric 2.1, which Dinh et al. restate over a Euclidean ball) can be made large by an α-scale transformation without changing the function.",
        "At an exact global minimum (targets = the network's outputs) of a random bias-free 2-3-1 ReLU network, Keskar's sharpness with his box C_ε = {|y_i| ≤ ε(|θ_i| + 1)} (standing in for Dinh et al.'s ball), ε = 10⁻³ and A = I, is larger at T_αθ than its certified upper bound at θ: the box at T_αθ contains the network with the output layer zeroed. Squared loss."),
    "dinh-volume-flatness": ("theorem", "Dinh et al. 2017 (ICML, arXiv 1703.04933), Def 1 and Thm 2",
        "Dinh et al. 2017, Def 1 and Thm 2: for a one-hidden-layer rectifier network at a minimum θ with θ₁ ≠ 0 and θ₂ ≠ 0, for every ε > 0 the connected component of {θ′ : L(θ′) < L(θ) + ε} containing θ has infinite volume (infinite volume ε-flatness).",
        "For a 2-3-1 ReLU network and ε = 1/100, the connected component of the sublevel set {L ≤ L(θ) + ε} containing θ holds boxes of unbounded volume: the orbit of θ under layer scalings stays in the set, and a growing family of boxes around it does (each box's loss bounded by interval arithmetic)."),
    "meng-basis-paths": ("theorem", "Meng et al. 2019 (G-SGD, ICLR, arXiv 1802.03713), basis paths and the skeleton method",
        "Meng et al. 2019: the path–weight incidence matrix of a ReLU MLP has rank m − H (m weights, H hidden units), a set of basis paths can be identified by the skeleton method, and the value of every path is a product of basis-path values.",
        "On random bias-free MLPs with up to three hidden layers: the rank of the path–edge incidence matrix is m − H, computed exactly; the skeleton paths form a basis; every path value is the product of basis-path values to integer exponents (which can lie outside {−1, 0, 1})."),
    "meng-path-values-equivalence": ("theorem", "Meng et al. 2019 (G-SGD, ICLR, arXiv 1802.03713), path values as the invariants of positive scaling",
        "Meng et al. 2019: the values of all paths are invariant under positive scaling of hidden units, and under mild conditions they represent the network. flatcheck makes a sufficient condition explicit and shows that it is needed.",
        "For bias-free networks whose weights are all nonzero with the same sign pattern, equal path values ⇔ rescaling-equivalent (from the two networks alone, a decision procedure finds the rescaling, checked); without the sign condition equal path values do not imply equivalence (a certified 1-1-1 pair (a, b), (−a, −b) computing different functions)."),
    "yi-psi-rescaling-invariance": ("theorem", "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness on basis-path values",
        "Yi et al. 2019 define PSI-flatness on the values of basis paths, the variables that positive scaling leaves unchanged, so that it has the positive-scale-invariance (PSI) property.",
        "PSI-flatness as flatcheck defines it (the trace of the Hessian of L̃(v) = L(s(v)) in the basis-path values v of a fixed skeleton; docs/definitions.md) and the psi-ratio are unchanged by node rescalings and layer scalings, on random networks with nonzero parameters off their kinks. Squared loss."),
    "yi-psi-skeleton-independence": ("extension", "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness on basis-path values; basis paths of Meng et al. 2019",
        "Yi et al. 2019 define PSI-flatness on the values of a set of basis paths and show that it is invariant under positive rescaling of hidden units; the paper does not state whether its value depends on which basis-path set is chosen. Extension: a question flatcheck asks, not a statement of the paper.",
        "Extension, not claimed by Yi et al.: at exact critical points (L = 0, ∇L = 0, checked) of random ReLU networks with nonzero parameters, is the PSI-flatness trace the same for two skeletons (the diagonal and the first basis-path set)? REFUTED by the first network whose recomputed traces differ."),
    "rangamani-layer-scaling-invariance": ("theorem", "Rangamani et al. 2019 (arXiv 1902.02434), quotient-manifold metric with one norm per weight tensor, as in the authors' code",
        "Rangamani et al. 2019 define a Riemannian metric on the quotient of parameter space by the network's scaling symmetries, g(ξ, η) = Σ_l ⟨ξ_l, η_l⟩/‖W_l‖² with one norm per weight tensor, and state that the Hessian-based flatness it induces at a minimum is invariant to those scalings.",
        "At exact critical points (L = 0, ∇L = 0, checked) of random layered ReLU networks, tr(D_W ∇²L) with one D_W entry per weight tensor and per bias vector is unchanged by every layer scaling T_α."),
    "rangamani-node-rescaling-invariance": ("extension", "Rangamani et al. 2019 (arXiv 1902.02434), quotient-manifold metric with one norm per weight tensor, as in the authors' code",
        "Rangamani et al. 2019 define a Riemannian metric on the quotient of parameter space by the network's scaling symmetries, g(ξ, η) = Σ_l ⟨ξ_l, η_l⟩/‖W_l‖² with one norm per weight tensor, and state that the Hessian-based flatness it induces at a minimum is invariant to those scalings. Rescaling a single hidden unit within a layer changes no tensor norm consistently; the paper does not claim invariance under it. Extension: a question flatcheck asks, not a statement of the paper.",
        "Extension, not claimed by Rangamani et al.: at exact critical points (L = 0, ∇L = 0, checked) of random layered ReLU networks, is tr(D_W ∇²L), with one D_W entry per weight tensor and per bias vector, also unchanged by rescaling single hidden units? REFUTED by the first recomputed pair that differs."),
    "kwon-adaptive-invariance": ("theorem", "Kwon et al. 2021 (ASAM, ICML, arXiv 2102.11600), adaptive sharpness",
        "Kwon et al. 2021 introduce adaptive sharpness, max over ‖T_w⁻¹ε‖ ≤ ρ of L(w + ε) − L(w) with a normalisation operator T_w, and show that it is invariant under the scaling operators that leave the network function unchanged.",
        "Adaptive sharpness with T = diag(|θ|) on every parameter including biases and ASAM's η = 0 (with η > 0 it is only approximately invariant) is unchanged by node rescalings, on random networks off their kinks: its second-order form (the trace of T∇²L T, and (Tu)ᵀ∇²L(Tu) along random u) takes the same value, and the rescaling maps the box |y_i| ≤ ρ|θ_i| (ρ = 1/100) onto the rescaled network's box with the same losses, so the worst case over it is the same."),
    "liang-fisher-rao": ("theorem", "Liang et al. 2019 (AISTATS, arXiv 1711.01530), Fisher–Rao norm and the structural lemma for rectifier networks",
        "Liang et al. 2019 define the Fisher–Rao norm ‖θ‖²_fr = E⟨θ, ∇_θ ℓ(f_θ(x), y)⟩², which is invariant under node-wise rescaling of rectifier networks, resting on the identity ⟨θ, ∇_θ f_θ(x)⟩ = (L+1)·f_θ(x) for a bias-free network with L+1 weight layers.",
        "The empirical Fisher–Rao norm (1/n) Σᵢ ⟨θ, ∇_θ ℓ(f_θ(xᵢ), yᵢ)⟩² with the squared loss over the training data (standing in for the expectation under the model) is unchanged by node rescalings, layer scalings and permutations, and without biases ⟨θ, ∇_θ f(x)⟩ = depth·f(x), on random networks off their kinks."),
    "keskar-large-batch-sharper": ("empirical", "Keskar et al. 2017 (ICLR, arXiv 1609.04836), §2–3 (six network configurations); sharpness Metric 2.1",
        "Keskar et al. 2017 report, from experiments on six network/dataset configurations, that large-batch methods tend to converge to sharp minimizers of the training function and small-batch methods to flat ones, sharpness measured by their ε-sharpness (Metric 2.1): a tendency, not a theorem.",
        "Over N seeded runs on each of two tasks (a synthetic regression with a 2-8-1 ReLU MLP, Fisher's Iris with a 4-6-3 ReLU MLP; N = 30 by default), full-batch training ends at a stationary point with a larger exact Hessian trace than small-batch SGD from the same initialisation, more often than chance: one-sided paired sign test at level 0.05 (SUPPORTED, NOT_SUPPORTED or INCONCLUSIVE). The trace stands in for Keskar's ε-sharpness; the node-rescaling-invariant adaptive and PSI traces are tested the same way and reported. Training is numeric (double); the measures and the test are exact."),
    "kristiadi-log-hessian-invariance": ("theorem", "Kristiadi, Dangel, Hennig 2023 (NeurIPS, arXiv 2302.07384), the Hessian under reparametrization",
        "Kristiadi et al. 2023 show that the trace and eigenvalues of the loss Hessian are invariant under a reparametrization when the transformation rule of the Hessian (including its term in the gradient) and the metric are carried along, and are not invariant when they are dropped.",
        "In the log chart θ = θ₀ ⊙ e^ξ, where a node rescaling or layer scaling is a translation of ξ, the Hessian diag(θ)∇²L diag(θ) + diag(θ ∘ ∇L) of the squared loss takes the same value at θ and at the rescaled θ — its trace and its quadratic form along random u — on random networks off their kinks, at points that are not critical (∇L ≠ 0 in general)."),
    "andriushchenko-adaptive-invariance": ("theorem", "Andriushchenko et al. 2023 (ICML, arXiv 2302.07011), average-case and worst-case adaptive sharpness",
        "Andriushchenko et al. 2023 define average-case adaptive sharpness E_{δ ~ N(0, ρ² diag(c²))} L(w + δ) − L(w) and worst-case adaptive sharpness max_{‖δ ⊙ c⁻¹‖_p ≤ ρ} L(w + δ) − L(w) with c = |w|, and state that they are invariant to the rescalings of the parameters that leave the network function unchanged.",
        "With c = |θ| on every parameter including biases, node rescalings map the ball ‖(y − θ)/|θ|‖₂ ≤ ρ (ρ = 1/100) onto the ball at the rescaled network with the same losses at corresponding points, and leave the second-order term tr(diag(|θ|)∇²L diag(|θ|)) unchanged, on random networks off their kinks; so the worst case over the ball and the Gaussian average, whose law the same map carries over, are unchanged. Squared loss, the whole dataset as one batch."),
    "dasilva-geodesic-invariance": ("theorem", "da Silva, Dangel, Oore 2025 (ICML, arXiv 2505.05409), geodesic sharpness, Eq. (4), with the rescaling metric of Eq. (6)",
        "da Silva et al. 2025 define geodesic sharpness as the largest loss increase over a geodesic ball of a symmetry-compatible metric (Eq. (4)); for the rescaling symmetry the metric is Σ η_i ν_i / w_i² (Eq. (6)), with geodesics w ⊙ e^{tξ/w}; geodesic sharpness is invariant to the symmetry transformations (§6.2).",
        "For the rescaling metric Σ dθ_k²/θ_k², node rescalings and layer scalings map every point θ ⊙ u (u > 0) of a geodesic through θ onto the point (g·θ) ⊙ u of the geodesic through g·θ with the same normalised velocity, at which the loss is the same, and they leave the loss's second-order term along these geodesics (the trace of diag(θ)∇²L diag(θ) + diag(θ ∘ ∇L)) unchanged, on random networks off their kinks; so the geodesic balls correspond and geodesic sharpness is unchanged. Squared loss."),
    "jang-fisher-invariance": ("theorem", "Jang, Lee, Park, Noh 2022 (NeurIPS), a reparametrization-invariant sharpness measure based on information geometry",
        "Jang et al. 2022 propose a sharpness measure that captures the change in loss with respect to changes in the probability distribution the network models, rather than in its parameters, and state that it is invariant under reparametrization, not only under scaling.",
        "The measure in the form the authors' code computes it, tr(F⁺C) — F the model's Fisher information, C the second moment of the per-example loss gradients at the true targets, full Moore–Penrose inverse — for the squared loss read as a Gaussian likelihood (F = (2/n) Σᵢ JᵢᵀJᵢ, C = (1/n) Σᵢ ∇ℓᵢ∇ℓᵢᵀ), is unchanged by node rescalings, layer scalings and permutations, on random networks off their kinks."),
    "kim-connectivity-invariance": ("theorem", "Kim et al. 2023 (ICLR, arXiv 2209.15208), connectivity sharpness (trace of the connectivity tangent kernel)",
        "Kim et al. 2023 decompose parameters into scale and connectivity, θ = c ⊙ θ₀, define the connectivity tangent kernel from the derivatives with respect to c at c = 1, and state that the connectivity sharpness derived from it is invariant to the scaling transformations that leave the network function unchanged.",
        "Connectivity sharpness (1/n) Σᵢ Σₖ Σ_p (θ_p ∂fₖ(xᵢ)/∂θ_p)², over every parameter including biases and the network outputs (the quantity whose estimate the authors' code computes), is unchanged by node rescalings, layer scalings and permutations, on random networks off their kinks."),
}


class Malformed(Exception):
    """Not a certificate of this format (exit 2)."""


class TooLarge(Exception):
    """Re-checking would exceed a work limit (exit 4)."""


class Failed(Exception):
    """A fact is false or undefined (exit 1)."""


# ---------------------------------------------------------------------------------------------------
# Printing (§6: numbers over 40 characters and vectors over 8 entries are shortened)

def fmt(v):
    if isinstance(v, list):
        items = [fmt(x) for x in v[:8]]
        return "[" + ", ".join(items) + (", … (%d entries)]" % len(v) if len(v) > 8 else "]")
    s = str(v)
    return s if len(s) <= 40 else s[:18] + "…" + s[-18:]


def short_json(x):
    s = json.dumps(x, ensure_ascii=False, default=lambda o: o.text)
    return s if len(s) <= 40 else s[:37] + "…"


# ---------------------------------------------------------------------------------------------------
# §1 Numbers

_RATIONAL = re.compile(r"([+-]?)(\d+)(?:/(\d+))?\Z")
_DECIMAL = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\Z")


class JsonFloat:
    """A JSON number with a fraction or exponent part: kept as text, refused where a number is read
    (§1: a writer rounds them), ignored in informational fields."""

    def __init__(self, text):
        self.text = text


def parse_number(x, where, max_bits):
    """A number field: a JSON string (integer, fraction or exact decimal) or a JSON integer."""
    if isinstance(x, JsonFloat):
        raise Malformed("%s: JSON number %s has a fraction or exponent part: write it as a string, e.g. \"1/2\""
                        % (where, fmt(x.text)))
    if isinstance(x, bool) or not isinstance(x, (int, str)):
        raise Malformed("%s: expected a number (a string such as \"-3\", \"22/7\" or \"0.125\"), got %s"
                        % (where, short_json(x)))
    digits_cap = max_bits // 3 + 3  # a decimal digit carries log2(10) > 3 bits
    if isinstance(x, int):
        v = Fraction(x)
    else:
        m = _RATIONAL.match(x)
        if m:
            if len(m.group(2)) > digits_cap or len(m.group(3) or "") > digits_cap:
                raise Malformed("%s: number has more than %d bits (--max-bits)" % (where, max_bits))
            den = int(m.group(3)) if m.group(3) is not None else 1
            if den == 0:
                raise Malformed("%s: zero denominator in %s" % (where, short_json(x)))
            v = Fraction(int(m.group(2)), den)
        else:
            m = _DECIMAL.match(x)
            if not m or not (m.group(2) or m.group(3)):
                raise Malformed("%s: not a number: %s" % (where, short_json(x)))
            digits = (m.group(2) or "") + (m.group(3) or "")
            if m.group(4) is not None and len(m.group(4).lstrip("+-")) > 9:
                raise Malformed("%s: number has more than %d bits (--max-bits)" % (where, max_bits))
            e = int(m.group(4) or 0) - len(m.group(3) or "")
            significant = len(digits.lstrip("0"))
            if significant > digits_cap or (significant and abs(e) > digits_cap + significant):
                raise Malformed("%s: number has more than %d bits (--max-bits)" % (where, max_bits))
            mant = int(digits)
            v = Fraction(mant * 10 ** e) if e >= 0 else Fraction(mant, 10 ** (-e))
        if m.group(1) == "-":
            v = -v
    if v.numerator.bit_length() > max_bits or v.denominator.bit_length() > max_bits:
        raise Malformed("%s: number has more than %d bits (--max-bits)" % (where, max_bits))
    return v


def parse_value(x, where, max_bits):
    if isinstance(x, list):
        return [parse_number(e, "%s[%d]" % (where, i), max_bits) for i, e in enumerate(x)]
    return parse_number(x, where, max_bits)


def parse_int(x, where):
    """An integer exponent: a JSON integer or a string holding one."""
    if isinstance(x, bool):
        raise Malformed("%s: expected an integer, got %s" % (where, short_json(x)))
    if isinstance(x, int) and abs(x) < 10 ** 6:
        return x
    if isinstance(x, str) and re.match(r"[+-]?\d{1,6}\Z", x):
        return int(x)
    raise Malformed("%s: expected a (small) integer, got %s" % (where, short_json(x)))


# ---------------------------------------------------------------------------------------------------
# §1 Networks

class Net:
    """A ReLU network as a DAG. Nodes are indexed; parameter k is an edge (u, v) or the bias of v
    (u = None: the bias source "1")."""

    def __init__(self, name):
        self.name = name
        self.layered = False
        self.layers = None
        self.names = []          # node index -> name
        self.kind = []           # 'in', 'hid', 'out'
        self.idx = {}
        self.params = []         # k -> (u or None, v)
        self.theta = []          # k -> Fraction
        self.block = []          # layered: k -> ('W', l) or ('b', l)
        self.wlayer = []         # layered: k -> weight layer l
        self.hidden_layer = {}   # layered: hidden node index -> 1-based layer

    def add_node(self, name, kind, where):
        if not isinstance(name, str) or name == "" or name == "1" or name in self.idx:
            raise Malformed("%s: bad or repeated node name %s" % (where, short_json(name)))
        self.idx[name] = len(self.names)
        self.names.append(name)
        self.kind.append(kind)

    def finish(self, order):
        n = len(self.names)
        self.order = order       # non-input nodes in evaluation order
        self.inputs = [i for i in range(n) if self.kind[i] == "in"]
        self.outputs = [i for i in range(n) if self.kind[i] == "out"]
        self.hidden = [i for i in range(n) if self.kind[i] == "hid"]
        self.in_list = [[] for _ in range(n)]
        self.out_list = [[] for _ in range(n)]
        self.key = {}
        for k, (u, v) in enumerate(self.params):
            self.in_list[v].append((k, u))
            if u is not None:
                self.out_list[u].append((k, v))
            key = ("b", self.names[v]) if u is None else ("e", self.names[u], self.names[v])
            self.key[key] = k
        self.keys = [None] * len(self.params)
        for key, k in self.key.items():
            self.keys[k] = key
        self.P = len(self.params)
        self.E = self.P
        self.has_bias = any(u is None for u, _ in self.params)
        # depth: the number of weight layers (layered), the longest path's edge count (DAG)
        longest = [0] * n
        for v in order:
            longest[v] = max([longest[u] + 1 for _, u in self.in_list[v] if u is not None] + [1])
        self.depth = len(self.layers) - 1 if self.layered else max([longest[o] for o in self.outputs] + [1])
        self.bits = max([max(t.numerator.bit_length(), t.denominator.bit_length()) for t in self.theta] + [1])

    def describe_param(self, k):
        u, v = self.params[k]
        return "bias of %s" % self.names[v] if u is None else "%s→%s" % (self.names[u], self.names[v])


def parse_net(name, obj, where, mb):
    if not isinstance(obj, dict):
        raise Malformed("%s: a network must be an object" % where)
    net = Net(name)
    if "layers" in obj:
        layers = obj["layers"]
        if (not isinstance(layers, list) or len(layers) < 2
                or not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 10 ** 5 for d in layers)):
            raise Malformed("%s.layers: expected [n0, …, nL] of positive integers, L ≥ 1" % where)
        L = len(layers) - 1
        net.layered, net.layers = True, layers
        for l, d in enumerate(layers):
            for j in range(d):
                if l == 0:
                    net.add_node("x%d" % j, "in", where)
                elif l == L:
                    net.add_node("y%d" % j, "out", where)
                else:
                    net.add_node("h%d_%d" % (l, j), "hid", where)
                    net.hidden_layer[net.idx["h%d_%d" % (l, j)]] = l
        off = [sum(layers[:l]) for l in range(L + 1)]
        W = obj.get("weights")
        if not isinstance(W, list) or len(W) != L:
            raise Malformed("%s.weights: expected %d weight matrices" % (where, L))
        B = obj.get("biases")
        if B is not None and (not isinstance(B, list) or len(B) != L):
            raise Malformed("%s.biases: expected %d bias vectors" % (where, L))
        for l in range(L):
            if not isinstance(W[l], list) or len(W[l]) != layers[l + 1]:
                raise Malformed("%s.weights[%d]: expected %d rows" % (where, l, layers[l + 1]))
            for j, row in enumerate(W[l]):
                if not isinstance(row, list) or len(row) != layers[l]:
                    raise Malformed("%s.weights[%d][%d]: expected %d entries" % (where, l, j, layers[l]))
                for i, w in enumerate(row):
                    net.params.append((off[l] + i, off[l + 1] + j))
                    net.theta.append(parse_number(w, "%s.weights[%d][%d][%d]" % (where, l, j, i), mb))
                    net.block.append(("W", l))
                    net.wlayer.append(l)
            if B is not None:
                if not isinstance(B[l], list) or len(B[l]) != layers[l + 1]:
                    raise Malformed("%s.biases[%d]: expected %d entries" % (where, l, layers[l + 1]))
                for j, b in enumerate(B[l]):
                    net.params.append((None, off[l + 1] + j))
                    net.theta.append(parse_number(b, "%s.biases[%d][%d]" % (where, l, j), mb))
                    net.block.append(("b", l))
                    net.wlayer.append(l)
        net.finish(list(range(layers[0], len(net.names))))
        return net
    for f in ("inputs", "hidden", "outputs", "edges"):
        if not isinstance(obj.get(f), list):
            raise Malformed("%s.%s: missing or not an array (a network is layered or a DAG, §1)" % (where, f))
    for f, kind in (("inputs", "in"), ("hidden", "hid"), ("outputs", "out")):
        for i, nm in enumerate(obj[f]):
            net.add_node(nm, kind, "%s.%s[%d]" % (where, f, i))
    if not obj["inputs"] or not obj["outputs"]:
        raise Malformed("%s: a network needs inputs and outputs" % where)
    seen = set()
    for i, e in enumerate(obj["edges"]):
        w = "%s.edges[%d]" % (where, i)
        if not isinstance(e, dict) or set(e) - {"from", "to", "w"} or "w" not in e:
            raise Malformed("%s: expected {\"from\", \"to\", \"w\"}" % w)
        u, v = net.idx.get(e.get("from")), net.idx.get(e.get("to"))
        if u is None or v is None or net.kind[u] == "out" or net.kind[v] == "in" or u == v:
            raise Malformed("%s: bad edge %s → %s" % (w, short_json(e.get("from")), short_json(e.get("to"))))
        if (u, v) in seen:
            raise Malformed("%s: repeated edge" % w)
        seen.add((u, v))
        net.params.append((u, v))
        net.theta.append(parse_number(e["w"], w + ".w", mb))
    biases = obj.get("biases", {})
    if not isinstance(biases, dict):
        raise Malformed("%s.biases: expected an object node → number" % where)
    for nm in biases:
        if nm not in net.idx or net.kind[net.idx[nm]] == "in":
            raise Malformed("%s.biases: %s is not a hidden or output node" % (where, short_json(nm)))
    for i in range(len(net.names)):
        if net.kind[i] != "in" and net.names[i] in biases:
            net.params.append((None, i))
            net.theta.append(parse_number(biases[net.names[i]], "%s.biases.%s" % (where, net.names[i]), mb))
    # evaluation order: hidden nodes topologically (stable), then outputs
    preds = {i: set() for i in range(len(net.names)) if net.kind[i] == "hid"}
    for u, v in net.params:
        if u is not None and net.kind[v] == "hid" and net.kind[u] == "hid":
            preds[v].add(u)
    order, done = [], set()
    while len(order) < len(preds):
        ready = [i for i in sorted(preds) if i not in done and preds[i] <= done]
        if not ready:
            raise Malformed("%s: the edges form a cycle" % where)
        order.append(ready[0])
        done.add(ready[0])
    net.finish(order + [i for i in range(len(net.names)) if net.kind[i] == "out"])
    return net


class Data:
    def __init__(self, name, X, Y):
        self.name, self.X, self.Y = name, X, Y
        self.n = len(X)
        self.bits = max([max(v.numerator.bit_length(), v.denominator.bit_length()) for r in X + Y for v in r] + [1])


def parse_data(name, obj, where, mb):
    if not isinstance(obj, dict) or not isinstance(obj.get("inputs"), list) or not isinstance(obj.get("targets"), list):
        raise Malformed("%s: a dataset is {\"inputs\": [[…]…], \"targets\": [[…]…]}" % where)
    X, Y = obj["inputs"], obj["targets"]
    if len(X) != len(Y) or not X:
        raise Malformed("%s: needs as many targets as inputs, at least one" % where)
    rows = []
    for f, M in (("inputs", X), ("targets", Y)):
        out = []
        for i, r in enumerate(M):
            if not isinstance(r, list) or len(r) != len(M[0]):
                raise Malformed("%s.%s[%d]: rows must be arrays of one length" % (where, f, i))
            out.append([parse_number(v, "%s.%s[%d][%d]" % (where, f, i, j), mb) for j, v in enumerate(r)])
        rows.append(out)
    return Data(name, rows[0], rows[1])


# ---------------------------------------------------------------------------------------------------
# Forward passes, derivatives on the frozen activation pattern (§1), paths, intervals

def forward(net, theta, x, mask=None):
    """Pre-activations z and activations a. With mask (node -> bool), hidden units use that frozen
    pattern instead of their own sign."""
    n = len(net.names)
    z, a = [ZERO] * n, [ZERO] * n
    for i, xi in zip(net.inputs, x):
        a[i] = xi
    for v in net.order:
        s = ZERO
        for k, u in net.in_list[v]:
            s += theta[k] if u is None else theta[k] * a[u]
        z[v] = s
        if net.kind[v] == "out":
            a[v] = s
        else:
            on = (s > 0) if mask is None else mask[v]
            a[v] = s if on else ZERO
    return z, a


def pattern(net, z, what):
    """The frozen activation pattern at z; a pre-activation exactly 0 is a kink (no derivatives)."""
    for v in net.hidden:
        if z[v] == 0:
            raise Failed("%s: hidden unit %s has pre-activation exactly 0 (a kink): no derivatives"
                         % (what, net.names[v]))
    return [z[v] > 0 if net.kind[v] == "hid" else True for v in range(len(net.names))]


def jet(net, theta, a, mask, d1, d2):
    """Second-order Taylor expansion along θ(t) = θ + t·d1 + t²·d2 on a frozen pattern: returns per
    output the coefficients (of t, of t²) of f(x); a holds the activations at θ (t = 0). d1, d2 are
    sparse dicts parameter -> Fraction; nodes the perturbation does not reach are skipped."""
    n = len(net.names)
    a1, a2 = [ZERO] * n, [ZERO] * n
    for v in net.order:
        s1 = s2 = ZERO
        for k, u in net.in_list[v]:
            w1, w2 = d1.get(k), d2.get(k)
            au = ONE if u is None else a[u]
            if w1:
                s1 += w1 * au
            if w2:
                s2 += w2 * au
            if u is not None:
                if a1[u]:
                    s1 += theta[k] * a1[u]
                    if w1:
                        s2 += w1 * a1[u]
                if a2[u]:
                    s2 += theta[k] * a2[u]
        if mask[v]:
            a1[v], a2[v] = s1, s2
    return [(a1[o], a2[o]) for o in net.outputs]


def jacobian(net, theta, a, mask):
    """J[o][k] = ∂f_o/∂θ_k on the frozen pattern (reverse mode)."""
    J = []
    for o in net.outputs:
        delta = [ZERO] * len(net.names)
        delta[o] = ONE
        for v in reversed(net.order):
            if net.kind[v] == "hid" and mask[v]:
                s = ZERO
                for k, w in net.out_list[v]:
                    if delta[w]:
                        s += theta[k] * delta[w]
                delta[v] = s
        J.append([delta[v] if u is None else a[u] * delta[v] for (u, v) in net.params])
    return J


class PointInfo:
    """Per (network, dataset): residuals r_i = f(x_i) − y_i and Jacobians J_i at θ's patterns. On a
    frozen pattern f is a sum over active paths of products of distinct parameters, so ∂²f/∂θ_k² = 0
    and H_kk = (2/n) Σ_i Σ_o J_i[o][k]²; gradients are (2/n) Σ_i J_iᵀ r_i."""

    def __init__(self, net, data):
        self.rows = []
        for x, y in zip(data.X, data.Y):
            z, a = forward(net, net.theta, x)
            mask = pattern(net, z, "network %s on dataset %s" % (net.name, data.name))
            r = [a[o] - t for o, t in zip(net.outputs, y)]
            self.rows.append((x, a, mask, r, jacobian(net, net.theta, a, mask)))
        n = data.n
        P = net.P
        self.grad = [ZERO] * P
        self.hdiag = [ZERO] * P
        for _, _, _, r, J in self.rows:
            for ro, Jo in zip(r, J):
                for k in range(P):
                    if Jo[k]:
                        self.grad[k] += ro * Jo[k]
                        self.hdiag[k] += Jo[k] * Jo[k]
        self.grad = [2 * g / n for g in self.grad]
        self.hdiag = [2 * h / n for h in self.hdiag]


def loss(net, theta, data):
    total = ZERO
    for x, y in zip(data.X, data.Y):
        _, a = forward(net, theta, x)
        total += sum((a[o] - t) ** 2 for o, t in zip(net.outputs, y))
    return total / data.n


def directional(net, data, info, u, order):
    """d/dt (order 1) or d²/dt² (order 2) of L(θ + t·u) at 0 on θ's patterns."""
    d1 = {k: c for k, c in enumerate(u) if c}
    total = ZERO
    for x, a, mask, r, _ in info.rows:
        for r0, (r1, r2) in zip(r, jet(net, net.theta, a, mask, d1, {})):
            total += 2 * r0 * r1 if order == 1 else 2 * (r1 * r1 + 2 * r0 * r2)
    return total / data.n


def path_params(net, path, what):
    """Parameter indices along a path (array of node names; "1" is the bias source)."""
    if not isinstance(path, list) or len(path) < 2 or not all(isinstance(p, str) for p in path):
        raise Malformed("%s: a path is an array of at least two node names" % what)
    ks = []
    nodes = [net.idx.get(p) for p in path]
    if path[0] == "1":
        nodes[0] = None
    elif nodes[0] is None or net.kind[nodes[0]] != "in":
        raise Failed("%s: %s does not start at an input or \"1\" of network %s" % (what, fmt(path), net.name))
    if nodes[-1] is None or net.kind[nodes[-1]] != "out":
        raise Failed("%s: %s does not end at an output of network %s" % (what, fmt(path), net.name))
    for s, t in zip(nodes, nodes[1:]):
        key = None if t is None else (("b", net.names[t]) if s is None else ("e", net.names[s], net.names[t]))
        if key not in net.key:
            raise Failed("%s: %s is not a path of network %s" % (what, fmt(path), net.name))
        ks.append(net.key[key])
    return ks


def count_paths(net, biases):
    below = [0] * len(net.names)
    for v in reversed(net.order):
        below[v] = (1 if net.kind[v] == "out" else 0) + sum(below[w] for _, w in net.out_list[v])
    for i in net.inputs:
        below[i] = sum(below[w] for _, w in net.out_list[i])
    total = sum(below[i] for i in net.inputs)
    if biases:
        total += sum(below[v] for (u, v) in net.params if u is None)
    return total


def all_paths(net, biases):
    """Every path from an input (and from "1" through each bias when biases) to an output, as tuples
    of node names."""
    if count_paths(net, biases) > MAX_PATHS:
        raise TooLarge("network %s has more than %d paths" % (net.name, MAX_PATHS))
    out = []

    def walk(v, prefix):
        if net.kind[v] == "out":
            out.append(tuple(prefix))
        for _, w in net.out_list[v]:
            walk(w, prefix + [net.names[w]])
    for i in net.inputs:
        walk(i, [net.names[i]])
    if biases:
        for (u, v) in net.params:
            if u is None:
                walk(v, ["1", net.names[v]])
    return out


def path_value(net, ks):
    p = ONE
    for k in ks:
        p *= net.theta[k]
    return p


def rank(rows):
    """Rank over ℚ by Gaussian elimination (rows: lists of Fractions/ints)."""
    rows = [list(map(Fraction, r)) for r in rows]
    rk, ncols = 0, len(rows[0]) if rows else 0
    for c in range(ncols):
        piv = next((i for i in range(rk, len(rows)) if rows[i][c]), None)
        if piv is None:
            continue
        rows[rk], rows[piv] = rows[piv], rows[rk]
        p = rows[rk]
        for i in range(rk + 1, len(rows)):
            if rows[i][c]:
                f = rows[i][c] / p[c]
                rows[i] = [x - f * y for x, y in zip(rows[i], p)]
        rk += 1
    return rk


def fisher_sharpness(net, data, info):
    """tr(F⁺C) with F = (2/n) Σ JᵢᵀJᵢ, C = (1/n) Σ gᵢgᵢᵀ, gᵢ = 2Jᵢᵀrᵢ: each gᵢ is in F's range, so gᵢᵀF⁺gᵢ = gᵢᵀuᵢ for any
    solution of F uᵢ = gᵢ (Gauss–Jordan over the rationals, free unknowns 0)."""
    P, n = net.P, data.n
    F = [[ZERO] * P for _ in range(P)]
    G = []
    for _, _, _, r, J in info.rows:
        g = [ZERO] * P
        for ro, Jo in zip(r, J):
            for a in range(P):
                if Jo[a]:
                    g[a] += 2 * ro * Jo[a]
                    for b in range(P):
                        if Jo[b]:
                            F[a][b] += 2 * Jo[a] * Jo[b] / n
        G.append(g)
    A = [F[i] + [g[i] for g in G] for i in range(P)]
    row, piv = 0, []
    for col in range(P):
        sel = next((i for i in range(row, P) if A[i][col]), None)
        if sel is None:
            continue
        A[row], A[sel] = A[sel], A[row]
        inv = 1 / A[row][col]
        A[row] = [x * inv for x in A[row]]
        for i in range(P):
            if i != row and A[i][col]:
                f = A[i][col]
                A[i] = [x - f * y for x, y in zip(A[i], A[row])]
        piv.append(col)
        row += 1
    if any(A[i][P + j] for i in range(row, P) for j in range(len(G))):
        raise Failed("fisher_sharpness(%s): a loss gradient is not in the range of the Fisher matrix" % net.name)
    total = ZERO
    for j, g in enumerate(G):
        total += sum(g[c] * A[i][P + j] for i, c in enumerate(piv))
    return total / n


def interval_loss_bound(net, data, lo, hi):
    """§4 interval propagation: an upper bound of L over the box lo ≤ θ ≤ hi."""
    total = ZERO
    for x, y in zip(data.X, data.Y):
        iv = [None] * len(net.names)
        for i, xi in zip(net.inputs, x):
            iv[i] = (xi, xi)
        for v in net.order:
            l = h = ZERO
            for k, u in net.in_list[v]:
                tl, th = (ONE, ONE) if u is None else iv[u]
                prods = (lo[k] * tl, lo[k] * th, hi[k] * tl, hi[k] * th)
                l += min(prods)
                h += max(prods)
            iv[v] = (max(l, ZERO), max(h, ZERO)) if net.kind[v] == "hid" else (l, h)
        total += sum(max((iv[o][0] - t) ** 2, (iv[o][1] - t) ** 2) for o, t in zip(net.outputs, y))
    return total / data.n


# ---------------------------------------------------------------------------------------------------
# §3 Group elements

def same_shape(a, b):
    return (a.names == b.names or sorted(zip(a.names, a.kind)) == sorted(zip(b.names, b.kind))) \
        and set(a.key) == set(b.key)


def element_image(el, A):
    """The image of network A under a group element: dict parameter key -> value, and (for rescalings)
    the parameter factors D with θ_image = D·θ_A (None for permutations). Raises Failed when the
    element is not a group element of A."""
    form = el["form"]
    if form == "permutation":
        pi = {}
        for src, dst in el["permutation"].items():
            for nm in (src, dst):
                if nm not in A.idx or A.kind[A.idx[nm]] != "hid":
                    raise Malformed("permutation names %s, not a hidden node of %s" % (short_json(nm), A.name))
            if A.layered and A.hidden_layer[A.idx[src]] != A.hidden_layer[A.idx[dst]]:
                raise Failed("permutation maps %s to %s, across layers" % (src, dst))
            pi[src] = dst
        if sorted(pi.values()) != sorted(pi):
            raise Failed("permutation is not a bijection of the hidden nodes it names")
        image = {}
        for key, k in A.key.items():
            if key[0] == "b":
                image[("b", pi.get(key[1], key[1]))] = A.theta[k]
            else:
                image[("e", pi.get(key[1], key[1]), pi.get(key[2], key[2]))] = A.theta[k]
        return image, None
    c = [ONE] * len(A.names)
    if form == "scales":
        for nm, val in el["scales"].items():
            if nm not in A.idx or A.kind[A.idx[nm]] != "hid":
                raise Malformed("scales names %s, not a hidden node of %s" % (short_json(nm), A.name))
            if val <= 0:
                raise Failed("scale %s of %s is not positive" % (fmt(val), nm))
            c[A.idx[nm]] = val
    else:
        alphas = el["factors"]
        if not A.layered:
            raise Failed("layer factors need a layered network; %s is a DAG" % A.name)
        if len(alphas) != len(A.layers) - 1:
            raise Failed("%d layer factors for %d weight layers of %s" % (len(alphas), len(A.layers) - 1, A.name))
        if any(al <= 0 for al in alphas):
            raise Failed("layer factors %s are not all positive" % fmt(alphas))
        prod = ONE
        for al in alphas:
            prod *= al
        if prod != 1:
            raise Failed("layer factors %s multiply to %s, not 1: not a symmetry" % (fmt(alphas), fmt(prod)))
        for v, l in A.hidden_layer.items():
            p = ONE
            for al in alphas[:l]:
                p *= al
            c[v] = p
    D = [c[v] if u is None else c[v] / c[u] for (u, v) in A.params]
    return {key: A.theta[k] * D[k] for key, k in A.key.items()}, D


# ---------------------------------------------------------------------------------------------------
# §2-4 Reading a certificate

TOP_KEYS = {"format", "claim", "kind", "source", "statement", "verdict", "networks", "datasets", "checks",
            "statistics", "tool_version", "seed", "proof", "argument", "inputs"}
VERDICTS = {"theorem": {"HOLDS", "REFUTED"}, "extension": {"HOLDS", "REFUTED"},
            "empirical": {"SUPPORTED", "NOT_SUPPORTED", "INCONCLUSIVE"}}
ROLES = {"instance", "witness", "counterexample"}
OPS = {"==", "!=", "<", "<=", ">", ">="}
CHECK_FIELDS = {
    "relation": ("lhs", "op", "rhs"),
    "group_image": ("from", "to", "element"),
    "same_path_values": ("a", "b"),
    "in_keskar_box": ("center", "point", "epsilon"),
    "in_box": ("net", "lo", "hi"),
    "exponent_identity": ("net", "basis", "paths", "exponents"),
    "sign_test": ("measure", "alternative", "level", "pairs", "result"),
}
Q_FIELDS = {
    "constant": (), "loss": ("net", "data"), "output": ("net", "input"), "output_d1": ("net", "input", "u"),
    "d1": ("net", "data", "u"), "d2": ("net", "data", "u"), "rayleigh": ("net", "data", "u"),
    "gradient": ("net", "data"), "gradient_norm_squared": ("net", "data"), "hessian_trace": ("net", "data"),
    "weighted_hessian_trace": ("net", "data", "weights"), "quotient_hessian_trace": ("net", "data"),
    "adaptive_trace": ("net", "data"), "adaptive_d2": ("net", "data", "u"),
    "log_hessian_trace": ("net", "data"), "log_hessian_d2": ("net", "data", "u"), "connectivity_sharpness": ("net", "data"),
    "fisher_sharpness": ("net", "data"),
    "psi_trace": ("net", "data", "skeleton", "basis", "signs", "exponents"), "fisher_rao": ("net", "data"),
    "path_value": ("net", "path"), "incidence_rank": ("net",), "paths_rank": ("net", "paths"),
    "count": ("net", "what"), "loss_upper_bound_on_box": ("net", "data", "lo", "hi"),
    "keskar_upper_bound": ("net", "data", "epsilon"), "keskar_ratio": ("center", "point", "data"),
    "box_volume": ("lo", "hi"), "sum": ("terms",),
}
Q_KEYS = {"q", "value", "factor", "net", "data", "input", "u", "weights", "path", "paths", "biases", "what", "lo",
          "hi", "center", "point", "epsilon", "skeleton", "basis", "signs", "exponents", "terms"}
DERIVATIVE_QS = {"output_d1", "d1", "d2", "rayleigh", "gradient", "gradient_norm_squared", "hessian_trace",
                 "weighted_hessian_trace", "quotient_hessian_trace", "adaptive_trace", "adaptive_d2",
                 "psi_trace", "fisher_rao", "log_hessian_trace", "log_hessian_d2", "connectivity_sharpness", "fisher_sharpness"}
FORMS = {"scales": "node_rescaling", "factors": "layer_scaling", "permutation": "permutation"}


def load_json(path):
    try:
        if not os.path.isfile(path):
            raise Malformed("is not a regular file" if os.path.exists(path) else "no such file")
        if os.path.getsize(path) > MAX_FILE_BYTES:
            raise TooLarge("file larger than %d bytes" % MAX_FILE_BYTES)
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except OSError as e:
        raise Malformed("cannot read: %s" % e.strerror)
    except UnicodeDecodeError:
        raise Malformed("not UTF-8 text")

    def pairs(kv):
        d = {}
        for k, v in kv:
            if k in d:
                raise Malformed("repeated key %s" % short_json(k))
            d[k] = v
        return d

    def no_const(s):
        raise Malformed("%s is not a number" % s)
    try:
        return json.loads(text, object_pairs_hook=pairs, parse_float=JsonFloat, parse_constant=no_const)
    except json.JSONDecodeError as e:
        raise Malformed("not JSON: %s at line %d column %d" % (e.msg, e.lineno, e.colno))
    except (RecursionError, ValueError) as e:
        raise Malformed("unreadable JSON: %s" % str(e)[:80])


def require_keys(obj, where, required, optional=()):
    if not isinstance(obj, dict):
        raise Malformed("%s: expected an object" % where)
    for k in obj:
        if k not in required and k not in optional:
            raise Malformed("%s: unknown field %s" % (where, short_json(k)))
    for k in required:
        if k not in obj:
            raise Malformed("%s: missing field %s" % (where, k))


class Cert:
    """A parsed certificate: networks, datasets and checks with names resolved (§2-4)."""

    def __init__(self, doc, mb):
        self.mb = mb
        if not isinstance(doc, dict):
            raise Malformed("top level: expected an object")
        for k in doc:
            if k not in TOP_KEYS:
                raise Malformed("unknown field %s at the top level" % short_json(k))
        for k in ("format", "claim", "kind", "source", "statement", "verdict", "checks"):
            if k not in doc:
                raise Malformed("missing field %s" % k)
        if doc["format"] != FORMAT:
            raise Malformed("format: expected \"%s\", got %s" % (FORMAT, short_json(doc["format"])))
        if doc["claim"] not in CLAIMS:
            raise Malformed("claim: unknown claim %s" % short_json(doc["claim"]))
        self.claim = doc["claim"]
        for k in ("kind", "source"):
            if not isinstance(doc[k], str):
                raise Malformed("%s: expected a string" % k)
        require_keys(doc["statement"], "statement", ("paper", "checked"))
        if not all(isinstance(doc["statement"][k], str) for k in ("paper", "checked")):
            raise Malformed("statement: paper and checked must be strings")
        if doc["kind"] not in VERDICTS:
            raise Malformed("kind: expected theorem, extension or empirical, got %s" % short_json(doc["kind"]))
        if doc["verdict"] not in VERDICTS[doc["kind"]]:
            raise Malformed("verdict: %s is not a verdict of a %s (%s)" % (short_json(doc["verdict"]), doc["kind"],
                                                                           ", ".join(sorted(VERDICTS[doc["kind"]]))))
        self.doc = doc
        self.kind, self.verdict = doc["kind"], doc["verdict"]
        self.nets, self.data = {}, {}
        for field, parse, store in (("networks", parse_net, self.nets), ("datasets", parse_data, self.data)):
            objs = doc.get(field, {})
            if not isinstance(objs, dict):
                raise Malformed("%s: expected an object mapping names to %s" % (field, field))
            for name, obj in objs.items():
                store[name] = parse(name, obj, "%s.%s" % (field, name), mb)
        if not isinstance(doc["checks"], list) or not doc["checks"]:
            raise Malformed("checks: expected a non-empty array")
        self.checks = [self.parse_check(c, "checks[%d]" % i, i) for i, c in enumerate(doc["checks"])]
        if "statistics" in doc:
            if not isinstance(doc["statistics"], dict):
                raise Malformed("statistics: expected an object")
        elif CLAIMS[self.claim][0] == "empirical":
            raise Malformed("missing field statistics (an empirical claim's sign test result)")

    def net(self, name, where):
        if not isinstance(name, str) or name not in self.nets:
            raise Malformed("%s: no network named %s" % (where, short_json(name)))
        return self.nets[name]

    def parse_check(self, c, where, i):
        if not isinstance(c, dict) or c.get("check") not in CHECK_FIELDS:
            raise Malformed("%s.check: unknown check %s" % (where, short_json(c.get("check") if isinstance(c, dict) else c)))
        kind = c["check"]
        require_keys(c, where, ("check", "role") + CHECK_FIELDS[kind], ("note",))
        if c["role"] not in ROLES:
            raise Malformed("%s.role: unknown role %s" % (where, short_json(c["role"])))
        ch = {"i": i, "check": kind, "role": c["role"], "where": where}
        mb = self.mb
        if kind == "relation":
            if c["op"] not in OPS:
                raise Malformed("%s.op: unknown operator %s" % (where, short_json(c["op"])))
            ch["op"] = c["op"]
            ch["lhs"] = self.parse_q(c["lhs"], where + ".lhs")
            ch["rhs"] = self.parse_q(c["rhs"], where + ".rhs")
            if ch["op"] not in ("==", "!=") and (isinstance(ch["lhs"]["value"], list) or isinstance(ch["rhs"]["value"], list)):
                raise Malformed("%s.op: %s needs scalar quantities" % (where, ch["op"]))
        elif kind == "group_image":
            ch["from"] = self.net(c["from"], where + ".from")
            ch["to"] = self.net(c["to"], where + ".to")
            ch["element"] = self.parse_element(c["element"], where + ".element")
        elif kind == "same_path_values":
            ch["a"], ch["b"] = self.net(c["a"], where + ".a"), self.net(c["b"], where + ".b")
        elif kind == "in_keskar_box":
            ch["center"], ch["point"] = self.net(c["center"], where + ".center"), self.net(c["point"], where + ".point")
            ch["epsilon"] = parse_number(c["epsilon"], where + ".epsilon", mb)
        elif kind == "in_box":
            ch["net"] = self.net(c["net"], where + ".net")
            ch["lo"], ch["hi"] = self.vector(c["lo"], where + ".lo", ch["net"].P), self.vector(c["hi"], where + ".hi", ch["net"].P)
        elif kind == "exponent_identity":
            ch["net"] = self.net(c["net"], where + ".net")
            ch["basis"] = self.paths(c["basis"], where + ".basis")
            ch["paths"] = self.paths(c["paths"], where + ".paths")
            if not isinstance(c["exponents"], list) or len(c["exponents"]) != len(ch["paths"]):
                raise Malformed("%s.exponents: expected one row per listed path" % where)
            ch["exponents"] = [self.int_row(r, "%s.exponents[%d]" % (where, j), len(ch["basis"]))
                               for j, r in enumerate(c["exponents"])]
        else:  # sign_test
            if c["measure"] not in ("hessian_trace", "adaptive_trace", "psi_trace") and c["measure"] not in Q_FIELDS:
                raise Malformed("%s.measure: unknown quantity %s" % (where, short_json(c["measure"])))
            ch["measure"] = c["measure"]
            if not isinstance(c["alternative"], str):
                raise Malformed("%s.alternative: expected a string" % where)
            ch["level"] = parse_number(c["level"], where + ".level", mb)
            if not isinstance(c["pairs"], list) or not c["pairs"]:
                raise Malformed("%s.pairs: expected a non-empty array" % where)
            ch["pairs"] = []
            for j, p in enumerate(c["pairs"]):
                w = "%s.pairs[%d]" % (where, j)
                require_keys(p, w, ("task", "seed", "large", "small"))
                if not isinstance(p["task"], str) or isinstance(p["seed"], bool) or not isinstance(p["seed"], (int, str)):
                    raise Malformed("%s: task must be a string and seed an integer" % w)
                ch["pairs"].append({"task": p["task"], "seed": p["seed"], "large": self.parse_q(p["large"], w + ".large"),
                                    "small": self.parse_q(p["small"], w + ".small")})
            if not isinstance(c["result"], dict):
                raise Malformed("%s.result: expected an object" % where)
            ch["result"] = c["result"]
        return ch

    def vector(self, x, where, n):
        if not isinstance(x, list) or (n is not None and len(x) != n):
            raise Malformed("%s: expected an array of %s numbers" % (where, n if n is not None else "some"))
        return [parse_number(v, "%s[%d]" % (where, i), self.mb) for i, v in enumerate(x)]

    def int_row(self, x, where, n):
        if not isinstance(x, list) or len(x) != n:
            raise Malformed("%s: expected %d integers" % (where, n))
        return [parse_int(v, "%s[%d]" % (where, i)) for i, v in enumerate(x)]

    def paths(self, x, where):
        if not isinstance(x, list):
            raise Malformed("%s: expected an array of paths" % where)
        for i, p in enumerate(x):
            if not isinstance(p, list) or len(p) < 2 or not all(isinstance(s, str) for s in p):
                raise Malformed("%s[%d]: a path is an array of at least two node names" % (where, i))
        return [list(p) for p in x]

    def parse_element(self, el, where):
        require_keys(el, where, (), ("scales", "factors", "permutation", "symmetry", "description"))
        forms = [f for f in FORMS if f in el]
        if len(forms) != 1:
            raise Malformed("%s: a group element has exactly one of scales, factors, permutation" % where)
        form = forms[0]
        if "symmetry" in el and el["symmetry"] != FORMS[form]:
            raise Malformed("%s.symmetry: %s does not match the form %s" % (where, short_json(el["symmetry"]), form))
        out = {"form": form, "symmetry": FORMS[form]}
        if form == "factors":
            if not isinstance(el["factors"], list) or not el["factors"]:
                raise Malformed("%s.factors: expected an array of numbers" % where)
            out["factors"] = [parse_number(v, "%s.factors[%d]" % (where, i), self.mb) for i, v in enumerate(el["factors"])]
        elif form == "scales":
            if not isinstance(el["scales"], dict):
                raise Malformed("%s.scales: expected an object node → number" % where)
            out["scales"] = {k: parse_number(v, "%s.scales.%s" % (where, k), self.mb) for k, v in el["scales"].items()}
        else:
            if not isinstance(el["permutation"], dict) or not all(isinstance(v, str) for v in el["permutation"].values()):
                raise Malformed("%s.permutation: expected an object node → node" % where)
            out["permutation"] = dict(el["permutation"])
        return out

    def parse_q(self, q, where):
        if not isinstance(q, dict):
            raise Malformed("%s: expected a quantity object" % where)
        if q.get("q") not in Q_FIELDS:
            raise Malformed("%s.q: unknown quantity %s" % (where, short_json(q.get("q"))))
        kind = q["q"]
        need = Q_FIELDS[kind]
        optional = ("factor", "biases") if kind == "incidence_rank" else ("factor",)
        for k in q:
            if k not in Q_KEYS:
                raise Malformed("%s: unknown field %s" % (where, short_json(k)))
        require_keys(q, where, ("q", "value") + need, optional)
        mb = self.mb
        out = {"q": kind, "where": where, "value": parse_value(q["value"], where + ".value", mb),
               "factor": parse_number(q["factor"], where + ".factor", mb) if "factor" in q else None}
        if "net" in need:
            out["net"] = self.net(q["net"], where + ".net")
        for f in ("center", "point"):
            if f in need:
                out[f] = self.net(q[f], "%s.%s" % (where, f))
        ref = out.get("net") or out.get("center")
        if "data" in need:
            if not isinstance(q["data"], str) or q["data"] not in self.data:
                raise Malformed("%s.data: no dataset named %s" % (where, short_json(q["data"])))
            d = out["data"] = self.data[q["data"]]
            for nt in [out.get(f) for f in ("net", "center", "point") if out.get(f)]:
                if len(d.X[0]) != len(nt.inputs) or len(d.Y[0]) != len(nt.outputs):
                    raise Malformed("%s.data: dataset %s does not fit network %s (inputs/outputs)" % (where, d.name, nt.name))
        if kind == "keskar_ratio" and not same_shape(out["center"], out["point"]):
            raise Malformed("%s: networks %s and %s differ in shape" % (where, out["center"].name, out["point"].name))
        if "input" in need:
            out["input"] = self.vector(q["input"], where + ".input", len(ref.inputs))
        if "u" in need:
            out["u"] = "theta" if q["u"] == "theta" else self.vector(q["u"], where + ".u", ref.P)
            if kind == "rayleigh" and not any(out["u"] if out["u"] != "theta" else ref.theta):
                raise Malformed("%s.u: the Rayleigh quotient needs u ≠ 0" % where)
        if "weights" in need:
            out["weights"] = self.vector(q["weights"], where + ".weights", ref.P)
        if "lo" in need:
            n = ref.P if ref else None
            out["lo"], out["hi"] = self.vector(q["lo"], where + ".lo", n), self.vector(q["hi"], where + ".hi", n)
            if len(out["lo"]) != len(out["hi"]) or any(l > h for l, h in zip(out["lo"], out["hi"])):
                raise Malformed("%s: needs lo ≤ hi entrywise, of one length" % where)
        if "epsilon" in need:
            out["epsilon"] = parse_number(q["epsilon"], where + ".epsilon", mb)
        if "path" in need:
            out["path"] = self.paths([q["path"]], where + ".path")[0]
        if "paths" in need:
            out["paths"] = self.paths(q["paths"], where + ".paths")
        if kind == "incidence_rank":
            if not isinstance(q.get("biases", False), bool):
                raise Malformed("%s.biases: expected true or false" % where)
            out["biases"] = q.get("biases", False)
        if kind == "count":
            if q["what"] not in ("parameters", "weights", "hidden", "paths"):
                raise Malformed("%s.what: expected parameters, weights, hidden or paths" % where)
            out["what"] = q["what"]
        if kind == "psi_trace":
            if not isinstance(q["skeleton"], str):
                raise Malformed("%s.skeleton: expected a string" % where)
            out["skeleton"] = q["skeleton"]
            out["basis"] = self.paths(q["basis"], where + ".basis")
            out["signs"] = self.vector(q["signs"], where + ".signs", ref.P)
            if any(s not in (1, -1) for s in out["signs"]):
                raise Malformed("%s.signs: expected ±1 per parameter" % where)
            if not isinstance(q["exponents"], list) or len(q["exponents"]) != ref.P:
                raise Malformed("%s.exponents: expected one row per parameter" % where)
            out["exponents"] = [self.int_row(r, "%s.exponents[%d]" % (where, k), len(out["basis"]))
                                for k, r in enumerate(q["exponents"])]
        if kind == "sum":
            if not isinstance(q["terms"], list) or not q["terms"]:
                raise Malformed("%s.terms: expected a non-empty array of quantities" % where)
            out["terms"] = [self.parse_q(t, "%s.terms[%d]" % (where, i)) for i, t in enumerate(q["terms"])]
            if any(isinstance(t["value"], list) for t in out["terms"]):
                raise Malformed("%s.terms: a sum needs scalar terms" % where)
        return out


# ---------------------------------------------------------------------------------------------------
# §4 Quantities and §3 checks, recomputed

def qname(q):
    args = [q[f].name for f in ("net", "center", "point", "data") if f in q]
    if "skeleton" in q:
        args.append("skeleton " + q["skeleton"])
    s = "%s(%s)" % (q["q"], ", ".join(args))
    return ("%s × %s" % (fmt(q["factor"]), s)) if q.get("factor") is not None else s


class Evaluator:
    def __init__(self):
        self.infos = {}

    def info(self, net, data):
        key = (id(net), id(data))
        if key not in self.infos:
            self.infos[key] = PointInfo(net, data)
        return self.infos[key]

    def value(self, q):
        """factor × the recomputed quantity; Failed unless it equals the recorded value."""
        v = self.compute(q)
        if q["factor"] is not None:
            v = [q["factor"] * x for x in v] if isinstance(v, list) else q["factor"] * v
        if v != q["value"]:
            raise Failed("%s recomputes to %s, not the recorded %s" % (qname(q), fmt(v), fmt(q["value"])))
        return v

    def compute(self, q):
        kind = q["q"]
        net, data = q.get("net"), q.get("data")
        if kind == "constant":
            return q["value"]
        if kind == "loss":
            return loss(net, net.theta, data)
        if kind in ("output", "output_d1"):
            z, a = forward(net, net.theta, q["input"])
            if kind == "output":
                return [a[o] for o in net.outputs]
            mask = pattern(net, z, "network %s at input %s" % (net.name, fmt(q["input"])))
            u = net.theta if q["u"] == "theta" else q["u"]
            return [c1 for c1, _ in jet(net, net.theta, a, mask, {k: c for k, c in enumerate(u) if c}, {})]
        if kind in DERIVATIVE_QS:
            info = self.info(net, data)
            u = None
            if "u" in q:
                u = net.theta if q["u"] == "theta" else q["u"]
            if kind == "d1":
                return directional(net, data, info, u, 1)
            if kind == "d2":
                return directional(net, data, info, u, 2)
            if kind == "rayleigh":
                return directional(net, data, info, u, 2) / sum(c * c for c in u)
            if kind == "adaptive_d2":
                return directional(net, data, info, [abs(t) * c for t, c in zip(net.theta, u)], 2)
            if kind == "gradient":
                return list(info.grad)
            if kind == "gradient_norm_squared":
                return sum(g * g for g in info.grad)
            if kind == "hessian_trace":
                return sum(info.hdiag)
            if kind == "weighted_hessian_trace":
                return sum(w * h for w, h in zip(q["weights"], info.hdiag))
            if kind == "adaptive_trace":
                return sum(t * t * h for t, h in zip(net.theta, info.hdiag))
            if kind == "log_hessian_trace":
                return sum(t * t * h + t * g for t, h, g in zip(net.theta, info.hdiag, info.grad))
            if kind == "log_hessian_d2":
                tu = [t * c for t, c in zip(net.theta, u)]
                return directional(net, data, info, tu, 2) + directional(net, data, info, [x * c for x, c in zip(tu, u)], 1)
            if kind == "fisher_sharpness":
                return fisher_sharpness(net, data, info)
            if kind == "connectivity_sharpness":
                total = ZERO
                for x in data.X:
                    z, a = forward(net, net.theta, x)
                    mask = pattern(net, z, "network %s at input %s" % (net.name, fmt(x)))
                    for k, t in enumerate(net.theta):
                        if t:
                            total += sum(c1 * c1 for c1, _ in jet(net, net.theta, a, mask, {k: t}, {}))
                return total / data.n
            if kind == "quotient_hessian_trace":
                if not net.layered:
                    raise Failed("quotient_hessian_trace needs a layered network; %s is a DAG" % net.name)
                norms = {}
                for k, b in enumerate(net.block):
                    norms[b] = norms.get(b, ZERO) + net.theta[k] ** 2
                for b, s in norms.items():
                    if s == 0:
                        raise Failed("quotient_hessian_trace(%s): block %s%d has norm 0 (undefined)" % (net.name, b[0], b[1]))
                return sum(norms[b] * h for b, h in zip(net.block, info.hdiag))
            if kind == "fisher_rao":
                total = ZERO
                for _, _, _, r, J in info.rows:
                    s = sum(ro * sum(j * t for j, t in zip(Jo, net.theta) if j) for ro, Jo in zip(r, J))
                    total += (2 * s) ** 2
                return total / data.n
            if kind == "psi_trace":
                return self.psi_trace(q, net, data, info)
        if kind == "path_value":
            return path_value(net, path_params(net, q["path"], q["where"] + ".path"))
        if kind == "incidence_rank":
            paths = all_paths(net, q["biases"])
            return Fraction(rank([self.incidence_row(net, p) for p in paths]) if paths else 0)
        if kind == "paths_rank":
            rows = [self.incidence_row(net, p) for p in q["paths"]]
            return Fraction(rank(rows) if rows else 0)
        if kind == "count":
            what = q["what"]
            if what == "parameters":
                return Fraction(net.P)
            if what == "weights":
                return Fraction(sum(1 for u, _ in net.params if u is not None))
            if what == "hidden":
                return Fraction(len(net.hidden))
            if count_paths(net, False) > MAX_PATHS:
                raise TooLarge("network %s has more than %d paths" % (net.name, MAX_PATHS))
            return Fraction(count_paths(net, False))
        if kind == "loss_upper_bound_on_box":
            return interval_loss_bound(net, data, q["lo"], q["hi"])
        if kind == "keskar_upper_bound":
            eps = q["epsilon"]
            lo = [t - eps * (abs(t) + 1) for t in net.theta]
            hi = [t + eps * (abs(t) + 1) for t in net.theta]
            L0 = loss(net, net.theta, data)
            return 100 * (interval_loss_bound(net, data, lo, hi) - L0) / (1 + L0)
        if kind == "keskar_ratio":
            c, p = q["center"], q["point"]
            Lc = loss(c, c.theta, data)
            Lp = loss(p, [p.theta[p.key[key]] for key in c.keys], data)
            return 100 * (Lp - Lc) / (1 + Lc)
        if kind == "box_volume":
            v = ONE
            for l, h in zip(q["lo"], q["hi"]):
                v *= h - l
            return v
        if kind == "sum":
            return sum(self.value(t) for t in q["terms"])
        raise AssertionError(kind)

    def incidence_row(self, net, path):
        ks = set(path_params(net, list(path), "path"))
        return [1 if k in ks else 0 for k in range(net.P)]

    def psi_trace(self, q, net, data, info):
        """§4 PSI trace: Σ_j ∂²/∂v_j² L(s(v)) with s(v)_k = σ_k Π_j |v_j|^E_kj, on θ's patterns."""
        basis = [path_params(net, p, q["where"] + ".basis") for p in q["basis"]]
        E, sig, theta = q["exponents"], q["signs"], net.theta
        for k, t in enumerate(theta):
            if t == 0:
                raise Failed("psi_trace(%s): parameter %s is 0 (undefined)" % (net.name, net.describe_param(k)))
            if (1 if t > 0 else -1) != sig[k]:
                raise Failed("psi_trace(%s): sign of %s is not %s" % (net.name, net.describe_param(k), fmt(sig[k])))
        b = len(basis)
        for j, ks in enumerate(basis):
            sums = [sum(E[k][i] for k in ks) for i in range(b)]
            if sums != [1 if i == j else 0 for i in range(b)]:
                raise Failed("psi_trace(%s): exponent rows along basis path %d sum to %s, not its unit vector"
                             % (net.name, j, fmt(sums)))
        v = [path_value(net, ks) for ks in basis]
        s = []
        for k in range(net.P):
            x = sig[k]
            for j in range(b):
                if E[k][j]:
                    x *= abs(v[j]) ** E[k][j]
            s.append(x)
        for p in all_paths(net, True):
            ks = path_params(net, list(p), "path")
            sp, tp = ONE, ONE
            for k in ks:
                sp *= s[k]
                tp *= theta[k]
            if sp != tp:
                raise Failed("psi_trace(%s): the section changes the value of path %s" % (net.name, fmt(list(p))))
        # along v + t·e_j: θ_k(t) = s_k (1 + t/v_j)^E_kj = s_k (1 + E t/v_j + E(E−1)/2 · t²/v_j² + …)
        dirs = [({k: s[k] * E[k][j] / v[j] for k in range(net.P) if E[k][j]},
                 {k: s[k] * E[k][j] * (E[k][j] - 1) / (2 * v[j] * v[j]) for k in range(net.P)
                  if E[k][j] not in (0, 1)}) for j in range(b)]
        total = ZERO
        for (x, _, mask, _, _), y in zip(info.rows, data.Y):
            _, a = forward(net, s, x, mask)
            r0 = [a[o] - t for o, t in zip(net.outputs, y)]
            for d1, d2 in dirs:
                for ro, (r1, r2) in zip(r0, jet(net, s, a, mask, d1, d2)):
                    total += 2 * (r1 * r1 + 2 * ro * r2)
        return total / data.n

    def check(self, ch, cert):
        """Re-evaluates one check; raises Failed with the false fact."""
        kind = ch["check"]
        if kind == "relation":
            l, r = self.value(ch["lhs"]), self.value(ch["rhs"])
            op = ch["op"]
            if op in ("==", "!="):
                same = (isinstance(l, list) == isinstance(r, list)) and l == r
                if isinstance(l, list) != isinstance(r, list) or (isinstance(l, list) and len(l) != len(r)):
                    raise Failed("%s %s %s compares a vector with a scalar or vectors of different lengths"
                                 % (qname(ch["lhs"]), op, qname(ch["rhs"])))
                ok = same if op == "==" else not same
            else:
                ok = {"<": l < r, "<=": l <= r, ">": l > r, ">=": l >= r}[op]
            if not ok:
                raise Failed("false: %s = %s %s %s = %s" % (qname(ch["lhs"]), fmt(l), op, qname(ch["rhs"]), fmt(r)))
        elif kind == "group_image":
            A, B = ch["from"], ch["to"]
            if not same_shape(A, B):
                raise Failed("group image %s → %s: the networks differ in node names or edges" % (A.name, B.name))
            image, _ = element_image(ch["element"], A)
            if set(image) != set(B.key):
                raise Failed("group image %s → %s: the image has other edges than %s" % (A.name, B.name, B.name))
            for key, val in image.items():
                if B.theta[B.key[key]] != val:
                    raise Failed("group image %s → %s: parameter %s is %s, the image gives %s"
                                 % (A.name, B.name, B.describe_param(B.key[key]), fmt(B.theta[B.key[key]]), fmt(val)))
        elif kind == "same_path_values":
            A, B = ch["a"], ch["b"]
            if set(zip(A.names, A.kind)) != set(zip(B.names, B.kind)):
                raise Failed("same_path_values %s, %s: different node names" % (A.name, B.name))
            pa, pb = all_paths(A, True), all_paths(B, True)
            if sorted(pa) != sorted(pb):
                raise Failed("same_path_values %s, %s: different paths" % (A.name, B.name))
            for p in pa:
                va = path_value(A, path_params(A, list(p), "path"))
                vb = path_value(B, path_params(B, list(p), "path"))
                if va != vb:
                    raise Failed("same_path_values: path %s has value %s in %s, %s in %s"
                                 % (fmt(list(p)), fmt(va), A.name, fmt(vb), B.name))
        elif kind == "in_keskar_box":
            C, Z, eps = ch["center"], ch["point"], ch["epsilon"]
            if not same_shape(C, Z):
                raise Failed("in_keskar_box: %s and %s differ in shape" % (C.name, Z.name))
            for key, k in C.key.items():
                t, p = C.theta[k], Z.theta[Z.key[key]]
                if abs(p - t) > eps * (abs(t) + 1):
                    raise Failed("in_keskar_box: %s of %s is %s, outside %s ± %s" % (C.describe_param(k), Z.name,
                                 fmt(p), fmt(t), fmt(eps * (abs(t) + 1))))
        elif kind == "in_box":
            N = ch["net"]
            for k, (t, l, h) in enumerate(zip(N.theta, ch["lo"], ch["hi"])):
                if not l <= t <= h:
                    raise Failed("in_box: %s of %s is %s, outside [%s, %s]" % (N.describe_param(k), N.name, fmt(t), fmt(l), fmt(h)))
        elif kind == "exponent_identity":
            N = ch["net"]
            listed = [tuple(p) for p in ch["paths"]]
            if len(set(listed)) != len(listed) or sorted(listed) != sorted(all_paths(N, True)):
                raise Failed("exponent_identity(%s): paths does not list every path exactly once" % N.name)
            bv = [path_value(N, path_params(N, p, ch["where"] + ".basis")) for p in ch["basis"]]
            for p, ex in zip(ch["paths"], ch["exponents"]):
                rhs = ONE
                for v, e in zip(bv, ex):
                    if e:
                        if v == 0 and e < 0:
                            raise Failed("exponent_identity(%s): basis value 0 to a negative power" % N.name)
                        rhs *= v ** e
                lhs = path_value(N, path_params(N, p, "path"))
                if lhs != rhs:
                    raise Failed("exponent_identity(%s): path %s has value %s, the exponents give %s"
                                 % (N.name, fmt(p), fmt(lhs), fmt(rhs)))
        else:
            self.sign_test(ch)

    def sign_test(self, ch):
        if ch["level"] != Fraction(1, 20):
            raise Failed("sign_test(%s): level %s is not 1/20" % (ch["measure"], fmt(ch["level"])))
        seen, nets = set(), set()
        large, small, tasks = [], [], []
        for p in ch["pairs"]:
            if (p["task"], str(p["seed"])) in seen:
                raise Failed("sign_test(%s): (task %s, seed %s) appears twice" % (ch["measure"], p["task"], p["seed"]))
            seen.add((p["task"], str(p["seed"])))
            for side in ("large", "small"):
                nm = p[side].get("net") or p[side].get("center")
                if nm is not None:
                    if nm.name in nets:
                        raise Failed("sign_test(%s): network %s is in two pairs" % (ch["measure"], nm.name))
                    nets.add(nm.name)
            large.append(self.value(p["large"]))
            small.append(self.value(p["small"]))
            tasks.append(p["task"])
        if any(isinstance(x, list) for x in large + small):
            raise Failed("sign_test(%s): the measure must be a scalar" % ch["measure"])
        want = sign_test_result(ch["measure"], large, small, tasks)
        bad = compare_result(ch["result"], want, "result")
        if bad:
            raise Failed("sign_test(%s): %s" % (ch["measure"], bad))
        ch["computed"] = want


# ---------------------------------------------------------------------------------------------------
# §3.1 The sign test

def upper_tail(n, k):
    """P(K ≥ k) for K ~ Bin(n, 1/2)."""
    return Fraction(sum(math.comb(n, j) for j in range(max(k, 0), n + 1)), 2 ** n)


def median(xs):
    xs = sorted(xs)
    m = len(xs)
    return xs[m // 2] if m % 2 else (xs[m // 2 - 1] + xs[m // 2]) / 2


def counts(d):
    n = sum(1 for x in d if x != 0)
    k = sum(1 for x in d if x > 0)
    p = upper_tail(n, k)
    q = 1 - upper_tail(n, k + 1)   # P(K ≤ k)
    verdict = "SUPPORTED" if p < Fraction(1, 20) else "NOT_SUPPORTED" if q < Fraction(1, 20) else "INCONCLUSIVE"
    return {"runs": len(d), "ties": len(d) - n, "seeds": n, "large_sharper": k, "p_value": p,
            "p_value_large_flatter": q, "verdict": verdict}


def sign_test_result(measure, large, small, tasks):
    d = [a - b for a, b in zip(large, small)]
    N = len(d)
    res = counts(d)
    res["median_difference"] = median(d)
    ds = sorted(d)
    best = None
    for r in range(1, N + 1):
        below = sum(math.comb(N, j) for j in range(r))
        c = 1 - 2 * Fraction(below, 2 ** N)
        if c >= Fraction(19, 20):
            best = (r, c)
    res["median_ci"] = None if best is None else {"lo": ds[best[0] - 1], "hi": ds[N - best[0]], "coverage": best[1]}
    rel = [x / abs(s) for x, s in zip(d, small) if s != 0]
    n, k = res["seeds"], res["large_sharper"]
    res["effect_size"] = {"median_relative_difference": median(rel) if rel else None,
                          "sign_effect": Fraction(2 * k - n, n) if n else ZERO}
    by = {}
    for t in tasks:
        if t not in by:
            by[t] = counts([x for x, tt in zip(d, tasks) if tt == t])
    res["by_task"] = by
    return res


def compare_result(got, want, where):
    """None when the recorded result equals the recomputed one (numbers by value), else the first
    difference."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return "%s is %s, expected an object" % (where, short_json(got))
        if list(got) != list(want):
            return "%s has keys %s, expected %s" % (where, fmt(list(got)), fmt(list(want)))
        for k in want:
            bad = compare_result(got[k], want[k], "%s.%s" % (where, k))
            if bad:
                return bad
        return None
    if want is None or isinstance(want, str):
        return None if got == want else "%s is %s, recomputed %s" % (where, short_json(got), short_json(want))
    try:
        g = parse_number(got, where, 10 ** 6)
    except Malformed:
        return "%s is %s, recomputed %s" % (where, short_json(got), fmt(want))
    return None if g == want else "%s is %s, recomputed %s" % (where, fmt(g), fmt(want))


# ---------------------------------------------------------------------------------------------------
# §5 The claims' evidence rules. Each rule marks the checks it uses; every check must be used.

FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def plain(q, kind=None):
    return q["factor"] is None and (kind is None or q["q"] == kind)


def oriented(rel, op):
    """(x, y) pairs such that the relation states x op y."""
    out = []
    if rel["op"] == op:
        out.append((rel["lhs"], rel["rhs"]))
    if FLIP[rel["op"]] == op and (op in ("==", "!=") or rel["op"] != op):
        out.append((rel["rhs"], rel["lhs"]))
    return out


def same_context(a, b):
    for f in ("data", "input", "u", "skeleton"):
        if (f in a) != (f in b):
            return False
        if f in a and not (a[f] is b[f] if f == "data" else a[f] == b[f]):
            return False
    return True


def vec_eq(a, b):
    return len(a) == len(b) and all(x == y for x, y in zip(a, b))


class Rules:
    def __init__(self, cert):
        self.cert = cert
        self.claim = cert.claim
        self.holds = cert.verdict in ("HOLDS", "SUPPORTED", "NOT_SUPPORTED", "INCONCLUSIVE")
        self.used = set()
        self.fails = []
        self.rels = [c for c in cert.checks if c["check"] == "relation"]
        self.imgs = [c for c in cert.checks if c["check"] == "group_image"]
        self.identity_cache = {}

    def fail(self, msg):
        self.fails.append(msg)

    def use(self, *chs):
        for c in chs:
            self.used.add(c["i"])

    def of(self, kind, role=None):
        return [c for c in self.cert.checks if c["check"] == kind and (role is None or c["role"] == role)]

    def is_identity(self, img):
        if img["i"] not in self.identity_cache:
            try:
                image, _ = element_image(img["element"], img["from"])
                A = img["from"]
                self.identity_cache[img["i"]] = all(A.theta[A.key[key]] == v for key, v in image.items() if key in A.key)
            except Failed:
                self.identity_cache[img["i"]] = False
        return self.identity_cache[img["i"]]

    def images_of(self, syms):
        for img in self.imgs:
            if img["element"]["symmetry"] not in syms:
                self.fail("%s: a group image of %s, not a symmetry this claim is about (%s)"
                          % (img["where"], img["element"]["symmetry"], ", ".join(sorted(syms))))

    def image(self, A, B, role=None, syms=None):
        for img in self.imgs:
            if img["from"] is A and img["to"] is B and (role is None or img["role"] == role) \
                    and (syms is None or img["element"]["symmetry"] in syms):
                return img
        return None

    def decisive(self, qs, syms):
        """Relations of a claim's quantity (no factor) on the two ends of a group image of the claim's
        symmetry, same data/input/u/skeleton: == instance on an instance image, != counterexample on a
        counterexample image. Returns [(relation, image, 'instance'|'counterexample')]."""
        out = []
        for rel in self.rels:
            l, r = rel["lhs"], rel["rhs"]
            if l["q"] != r["q"] or l["q"] not in qs or not plain(l) or not plain(r) or not same_context(l, r):
                continue
            if "net" not in l:
                continue
            if rel["role"] == "instance" and rel["op"] == "==":
                role = "instance"
            elif rel["role"] == "counterexample" and rel["op"] == "!=":
                role = "counterexample"
            else:
                continue
            for img in self.imgs:
                if img["role"] == role and img["element"]["symmetry"] in syms and \
                        {id(img["from"]), id(img["to"])} == {id(l["net"]), id(r["net"])} and img["from"] is not img["to"]:
                    if self.is_identity(img):
                        self.fail("%s: decisive relation on %s, whose element leaves %s's parameters unchanged "
                                  "(an identity is no evidence)" % (rel["where"], img["where"], img["from"].name))
                    out.append((rel, img, role))
                    self.use(rel, img)
                    break
        return out

    def critical(self, net, data):
        """loss(net, data) == constant 0 and gradient(net, data) == constant 0…0, no factors."""
        found = {}
        for rel in self.rels:
            if rel["role"] == "counterexample":
                continue
            for x, y in oriented(rel, "=="):
                if x["q"] in ("loss", "gradient") and plain(x) and plain(y, "constant") and x["net"] is net \
                        and x["data"] is data:
                    zero = y["value"] == ZERO if x["q"] == "loss" else (
                        isinstance(y["value"], list) and len(y["value"]) == net.P and not any(y["value"]))
                    if zero:
                        found.setdefault(x["q"], rel)
        if len(found) == 2:
            self.use(*found.values())
            return True
        return False

    def loss_zero(self, net, data):
        for rel in self.rels:
            if rel["role"] != "counterexample":
                for x, y in oriented(rel, "=="):
                    if plain(x, "loss") and plain(y, "constant") and x["net"] is net and x["data"] is data and y["value"] == ZERO:
                        self.use(rel)
                        return True
        return False

    def equal_losses(self, T, A, data, role=None):
        for rel in self.rels:
            if rel["role"] != "counterexample" and (role is None or rel["role"] == role) and rel["op"] == "==":
                l, r = rel["lhs"], rel["rhs"]
                if plain(l, "loss") and plain(r, "loss") and l["data"] is data and r["data"] is data \
                        and {id(l["net"]), id(r["net"])} == {id(T), id(A)}:
                    self.use(rel)
                    return True
        return False

    def base(self):
        bases = {img["from"].name: img["from"] for img in self.imgs}
        if len(bases) != 1:
            self.fail("the claim needs the group images of one base network; found %d base networks" % len(bases))
            return None
        return list(bases.values())[0]

    def need_instances(self, dec, syms):
        if self.holds:
            for s in syms:
                if not any(role == "instance" and img["element"]["symmetry"] == s for _, img, role in dec):
                    self.fail("no instance under %s (a decisive == relation on an instance image)" % s)

    # -- the rules ------------------------------------------------------------------------------------

    def invariance(self, qs, syms, need, critical_ends=False):
        self.images_of(syms)
        dec = self.decisive(qs, syms)
        if critical_ends:
            for rel, img, _ in dec:
                for N in (img["from"], img["to"]):
                    if not self.critical(N, rel["lhs"]["data"]):
                        self.fail("%s: network %s is not shown to be at a critical point on %s (loss == 0 and "
                                  "gradient == 0)" % (rel["where"], N.name, rel["lhs"]["data"].name))
        self.need_instances(dec, need)
        return [d for d in dec if d[2] == "counterexample"]

    def rule_function_invariance(self):
        syms = ("node_rescaling", "layer_scaling", "permutation")
        return self.invariance({"output", "loss"}, set(syms), syms)

    def rule_transformation_law(self):
        syms = {"node_rescaling", "layer_scaling"}
        self.images_of(syms)
        found, cx = set(), []
        for rel in self.rels:
            l, r = rel["lhs"], rel["rhs"]
            if l["q"] != r["q"] or l["q"] not in ("d1", "d2") or not plain(l) or not plain(r) or l["data"] is not r["data"]:
                continue
            role = "instance" if (rel["role"], rel["op"]) == ("instance", "==") else \
                "counterexample" if (rel["role"], rel["op"]) == ("counterexample", "!=") else None
            if role is None:
                continue
            for x, y in ((l, r), (r, l)):
                img = self.image(y["net"], x["net"], role, syms)   # x on B = g·A, y on A
                if img is None or img["from"] is img["to"]:
                    continue
                try:
                    _, D = element_image(img["element"], img["from"])
                except Failed:
                    continue
                A, B = img["from"], img["to"]
                uA = A.theta if y["u"] == "theta" else y["u"]
                uB = B.theta if x["u"] == "theta" else x["u"]
                if not same_shape(A, B) or any(uB[B.key[key]] != D[k] * uA[k] for key, k in A.key.items()):
                    continue
                if self.is_identity(img):
                    self.fail("%s: relation on %s, whose element leaves %s unchanged" % (rel["where"], img["where"], A.name))
                self.use(rel, img)
                if role == "instance":
                    found.add((img["element"]["symmetry"], l["q"]))
                else:
                    cx.append(rel)
                break
        if self.holds:
            for s in sorted(syms):
                for q in ("d1", "d2"):
                    if (s, q) not in found:
                        self.fail("no %s instance under %s (u_B = D·u_A on an instance image)" % (q, s))
        return cx

    def rule_dinh_hessian_unbounded(self):
        self.images_of({"layer_scaling"})
        A = self.base()
        if A is None:
            return []
        if not (A.layered and len(A.layers) == 3 and not A.has_bias):
            self.fail("base network %s must be bias-free with one hidden layer" % A.name)
        traces, Ms, datas = 0, [], []
        for rel in self.rels:
            if rel["role"] == "instance":
                for x, y in oriented(rel, "=="):
                    if plain(x, "hessian_trace") and plain(y, "weighted_hessian_trace") and y["net"] is A \
                            and x["data"] is y["data"]:
                        img = self.image(A, x["net"], "instance")
                        if img is None or len(img["element"].get("factors", [])) != 2:
                            continue
                        al = img["element"]["factors"][0]
                        want = [1 / (al * al) if A.wlayer[k] == 0 else al * al for k in range(A.P)] if al else None
                        if want is not None and vec_eq(y["weights"], want):
                            traces += 1
                            datas.append(x["data"])
                            self.use(rel, img)
                            break
            if rel["role"] == "witness":
                for op in (">=", ">"):
                    for x, y in oriented(rel, op):
                        if plain(x, "rayleigh") and plain(y, "constant") and not isinstance(y["value"], list):
                            img = self.image(A, x["net"], "witness")
                            if img is not None and len(img["element"].get("factors", [])) == 2:
                                Ms.append(y["value"])
                                datas.append(x["data"])
                                self.use(rel, img)
        for d in {id(d): d for d in datas}.values():
            if not self.critical(A, d):
                self.fail("base network %s is not shown to be at a critical point on %s" % (A.name, d.name))
        if not traces:
            self.fail("no trace identity hessian_trace(T) == weighted_hessian_trace(A, 1/α², α²) on an instance image")
        for e in (3, 6, 9, 12):
            if not any(M >= 10 ** e for M in Ms):
                self.fail("no rayleigh(T, u) >= constant M witness with M ≥ 10^%d" % e)
        return []

    def rule_dinh_keskar_sharpness(self):
        self.images_of({"layer_scaling"})
        A = self.base()
        if A is None:
            return []
        eps = Fraction(1, 1000)
        complete = 0
        for rel in self.rels:
            if rel["role"] != "witness":
                continue
            for x, y in oriented(rel, ">"):
                if not (plain(x, "keskar_ratio") and plain(y, "keskar_upper_bound") and y["net"] is A
                        and y["epsilon"] == eps and x["data"] is y["data"]):
                    continue
                T, Z, D = x["center"], x["point"], x["data"]
                img = self.image(A, T, "witness")
                box = [b for b in self.of("in_keskar_box", "witness") if b["center"] is T and b["point"] is Z and b["epsilon"] == eps]
                if img is None or not box or not self.equal_losses(T, A, D, "witness") or not self.critical(A, D):
                    continue
                self.use(rel, img, box[0])
                complete += 1
        if not complete:
            self.fail("needs, at a critical point A: a layer-scaling image T, loss(T) == loss(A), in_keskar_box(T, Z, 1/1000) "
                      "and keskar_ratio(T, Z) > keskar_upper_bound(A, 1/1000), all as witnesses")
        return []

    def rule_dinh_volume_flatness(self):
        self.images_of({"layer_scaling"})
        A = self.base()
        if A is None:
            return []
        vols = []
        for img in self.imgs:
            if img["role"] == "counterexample":
                continue
            T = img["to"]
            for box in self.of("in_box"):
                if box["net"] is not T or box["role"] == "counterexample":
                    continue
                bound = vol = None
                for rel in self.rels:
                    if rel["role"] == "counterexample":
                        continue
                    for x, y in oriented(rel, "<="):
                        if plain(x, "loss_upper_bound_on_box") and plain(y, "constant") and x["net"] is T \
                                and vec_eq(x["lo"], box["lo"]) and vec_eq(x["hi"], box["hi"]) \
                                and not isinstance(y["value"], list) and y["value"] <= Fraction(1, 100):
                            bound = (rel, x["data"])
                    for x, y in oriented(rel, "=="):
                        if plain(x, "box_volume") and plain(y, "constant") and vec_eq(x["lo"], box["lo"]) \
                                and vec_eq(x["hi"], box["hi"]) and not isinstance(y["value"], list):
                            vol = (rel, y["value"])
                if bound and vol and self.equal_losses(T, A, bound[1]) and self.loss_zero(A, bound[1]):
                    self.use(img, box, bound[0], vol[0])
                    vols.append(vol[1])
                    break
        if len(vols) < 3:
            self.fail("needs at least 3 layer-scaling images T of A with loss(T) == loss(A), in_box, "
                      "loss_upper_bound_on_box <= 1/100 and box_volume on the same box; found %d" % len(vols))
        elif min(vols) <= 0 or max(vols) < 1000 * min(vols):
            self.fail("the largest box volume %s is not at least 1000 × the smallest %s (> 0)" % (fmt(max(vols)), fmt(min(vols))))
        return []

    def rule_meng_basis_paths(self):
        nets = 0
        for ei in self.of("exponent_identity"):
            if ei["role"] == "counterexample":
                continue
            n, basis = ei["net"], ei["basis"]
            if n.has_bias:
                self.fail("%s: network %s must be bias-free" % (ei["where"], n.name))
                continue
            r = None
            got = {}
            for rel in self.rels:
                if rel["role"] == "counterexample":
                    continue
                for x, y in oriented(rel, "=="):
                    if plain(x, "incidence_rank") and x["net"] is n and not x["biases"] and plain(y, "sum") \
                            and len(y["terms"]) == 2:
                        t0, t1 = y["terms"]
                        if t0["q"] == "count" and t0["what"] == "weights" and t0["net"] is n and t0["factor"] in (None, 1) \
                                and t1["q"] == "count" and t1["what"] == "hidden" and t1["net"] is n and t1["factor"] == -1:
                            got["sum"] = rel
                    if plain(x, "paths_rank") and x["net"] is n and x["paths"] == basis and plain(y, "constant"):
                        got["paths_rank"] = rel
                        r = y["value"]
                    if plain(x, "constant") and plain(y, "incidence_rank") and y["net"] is n and not y["biases"]:
                        got.setdefault("const", []).append((rel, x["value"]))
            const = [c for c, v in got.get("const", []) if v == r]
            if "sum" in got and "paths_rank" in got and const and r == len(basis):
                self.use(ei, got["sum"], got["paths_rank"], const[0])
                nets += 1
            else:
                self.fail("%s: network %s lacks incidence_rank == weights − hidden, paths_rank(basis) == r, "
                          "r == incidence_rank, or its basis does not have r paths" % (ei["where"], n.name))
        if not nets:
            self.fail("needs at least one network with its exponent identity and rank facts")
        return []

    def rule_meng_path_values_equivalence(self):
        self.images_of({"node_rescaling"})
        inst = wit = 0
        for spv in self.of("same_path_values"):
            a, b = spv["a"], spv["b"]
            if spv["role"] == "instance":
                img = self.image(a, b, "instance") or self.image(b, a, "instance")
                signs = lambda N: [(t > 0) - (t < 0) for t in (N.theta[N.key[key]] for key in sorted(a.key))]
                ok = img is not None and not a.has_bias and not b.has_bias and same_shape(a, b) \
                    and all(t != 0 for t in a.theta + b.theta) and signs(a) == signs(b)
                if ok:
                    if self.is_identity(img):
                        self.fail("%s: on %s, whose element leaves %s unchanged" % (spv["where"], img["where"], a.name))
                    self.use(spv, img)
                    inst += 1
            elif spv["role"] == "witness" and same_shape(a, b):
                sa = [(t > 0) - (t < 0) for t in a.theta]
                sb = [(b.theta[b.key[key]] > 0) - (b.theta[b.key[key]] < 0) for key in a.keys]
                if sa == sb:
                    continue
                for rel in self.rels:
                    if rel["role"] == "witness" and rel["op"] == "!=":
                        l, r = rel["lhs"], rel["rhs"]
                        if plain(l, "output") and plain(r, "output") and l["input"] == r["input"] \
                                and {id(l["net"]), id(r["net"])} == {id(a), id(b)}:
                            self.use(spv, rel)
                            wit += 1
                            break
        if self.holds and not inst:
            self.fail("no instance: same_path_values(a, b) with a node-rescaling image a → b, bias-free, non-zero weights of equal signs")
        if not wit:
            self.fail("no witness that the sign condition is needed: same_path_values(a, b) with different sign "
                      "patterns and output(a, x) != output(b, x)")
        return []

    def rule_yi_psi_rescaling_invariance(self):
        cx = self.invariance({"psi_trace"}, {"node_rescaling", "layer_scaling"}, ("node_rescaling", "layer_scaling"))
        for spv in self.of("same_path_values", "instance"):
            if any({id(i["from"]), id(i["to"])} == {id(spv["a"]), id(spv["b"])} for i in self.imgs):
                self.use(spv)
        return cx

    def rule_yi_psi_skeleton_independence(self):
        inst, cx = 0, []
        for rel in self.rels:
            l, r = rel["lhs"], rel["rhs"]
            if not (plain(l, "psi_trace") and plain(r, "psi_trace") and l["net"] is r["net"] and l["data"] is r["data"]
                    and l["skeleton"] != r["skeleton"]):
                continue
            if (rel["role"], rel["op"]) == ("instance", "=="):
                # two names for the same basis paths compute the same trace: allowed, but no evidence
                inst += 1 if {tuple(map(str, p)) for p in l["basis"]} != {tuple(map(str, p)) for p in r["basis"]} else 0
            elif (rel["role"], rel["op"]) == ("counterexample", "!="):
                cx.append(rel)
            else:
                continue
            self.use(rel)
            if not self.critical(l["net"], l["data"]):
                self.fail("%s: network %s is not shown to be at a critical point on %s" % (rel["where"], l["net"].name, l["data"].name))
        if self.holds and not inst:
            self.fail("no instance psi_trace(A, s) == psi_trace(A, s′) with different basis paths for s and s′")
        return cx

    def rule_rangamani_layer_scaling_invariance(self):
        return self.invariance({"quotient_hessian_trace"}, {"layer_scaling"}, ("layer_scaling",), True)

    def rule_rangamani_node_rescaling_invariance(self):
        return self.invariance({"quotient_hessian_trace"}, {"node_rescaling"}, ("node_rescaling",), True)

    def rule_kwon_adaptive_invariance(self):
        self.images_of({"node_rescaling"})
        dec = self.decisive({"adaptive_trace", "adaptive_d2", "loss"}, {"node_rescaling"})
        rho = Fraction(1, 100)
        for rel, img, _ in dec:
            if rel["lhs"]["q"] != "loss":
                continue
            Y, ok = img["from"], False
            for rel2, img2, _ in dec:
                A = img2["from"]
                if rel2["lhs"]["q"] == "adaptive_trace" and img2["element"]["form"] == "scales" \
                        and img["element"]["form"] == "scales" and img2["element"]["scales"] == img["element"]["scales"] \
                        and same_shape(A, Y) and all(abs(Y.theta[Y.key[key]] - A.theta[k]) <= rho * abs(A.theta[k])
                                                     for key, k in A.key.items()):
                    ok = True
            if not ok:
                self.fail("%s: network %s is not in the box |y − θ| ≤ |θ|/100 of a network θ whose adaptive_trace is "
                          "checked under the same scales" % (rel["where"], Y.name))
        if self.holds and not any(role == "instance" for _, _, role in dec):
            self.fail("no instance (a decisive == relation on a node-rescaling instance image)")
        if self.holds and not any(rel["lhs"]["q"] == "adaptive_d2" for rel, _, _ in dec):
            self.fail("no adaptive_d2 relation: the claim states that (Tu)ᵀ∇²L(Tu) is unchanged too")
        return [d for d in dec if d[2] == "counterexample"]

    def chart_points(self, qs, syms, center_q, member, what):
        """Invariance of qs; every loss relation is at a point Y of the chart around a center A (member(Y, A)) whose
        center_q is checked, Y moved by the same element as A."""
        self.images_of(syms)
        dec = self.decisive(qs, syms)
        for rel, img, _ in dec:
            if rel["lhs"]["q"] != "loss":
                continue
            Y, ok = img["from"], False
            for rel2, img2, _ in dec:
                A = img2["from"]
                if rel2["lhs"]["q"] == center_q and img2["element"] == img["element"] and A is not Y \
                        and same_shape(A, Y) and member(Y, A):
                    ok = True
            if not ok:
                self.fail("%s: network %s is not %s, moved by the same element" % (rel["where"], Y.name, what))
        self.need_instances(dec, syms)
        return [d for d in dec if d[2] == "counterexample"]

    def rule_andriushchenko_adaptive_invariance(self):
        rho = Fraction(1, 100)

        def in_ball(Y, A):
            s = ZERO
            for key, k in A.key.items():
                t, y = A.theta[k], Y.theta[Y.key[key]]
                if t == 0:
                    if y != t:
                        return False
                    continue
                s += ((y - t) / abs(t)) ** 2
            return s <= rho * rho
        return self.chart_points({"adaptive_trace", "loss"}, {"node_rescaling"}, "adaptive_trace", in_ball,
                                 "in the ball ‖(y − θ)/|θ|‖₂ ≤ 1/100 of a network θ whose adaptive_trace is checked")

    def rule_dasilva_geodesic_invariance(self):
        def on_geodesic(Y, A):
            for key, k in A.key.items():
                t, y = A.theta[k], Y.theta[Y.key[key]]
                if (y != 0) if t == 0 else (y / t <= 0):
                    return False
            return True
        return self.chart_points({"log_hessian_trace", "loss"}, {"node_rescaling", "layer_scaling"}, "log_hessian_trace",
                                 on_geodesic, "a point θ ⊙ u (u > 0) of a network θ whose log_hessian_trace is checked")

    def rule_kristiadi_log_hessian_invariance(self):
        syms = ("node_rescaling", "layer_scaling")
        return self.invariance({"log_hessian_trace", "log_hessian_d2"}, set(syms), syms)

    def rule_jang_fisher_invariance(self):
        syms = ("node_rescaling", "layer_scaling", "permutation")
        return self.invariance({"fisher_sharpness"}, set(syms), syms)

    def rule_kim_connectivity_invariance(self):
        syms = ("node_rescaling", "layer_scaling", "permutation")
        return self.invariance({"connectivity_sharpness"}, set(syms), syms)

    def rule_liang_fisher_rao(self):
        syms = ("node_rescaling", "layer_scaling", "permutation")
        cx = self.invariance({"fisher_rao"}, set(syms), syms)
        euler = 0
        for rel in self.rels:
            if rel["role"] != "instance":
                continue
            for x, y in oriented(rel, "=="):
                if plain(x, "output_d1") and x["u"] == "theta" and y["q"] == "output" and y["net"] is x["net"] \
                        and y["input"] == x["input"] and x["net"].layered and not x["net"].has_bias \
                        and y["factor"] == x["net"].depth:
                    self.use(rel)
                    euler += 1
                    break
        if self.holds and not euler:
            self.fail("no Euler identity instance output_d1(n, x, u = \"theta\") == depth × output(n, x)")
        return cx

    def rule_keskar_large_batch_sharper(self):
        tests = self.of("sign_test")
        measures = [t["measure"] for t in tests]
        if measures != ["hessian_trace", "adaptive_trace", "psi_trace"]:
            self.fail("needs exactly three sign tests, hessian_trace, adaptive_trace, psi_trace in that order; has %s" % fmt(measures))
        tau = {"synthetic": Fraction(1, 10 ** 6), "iris": Fraction(1, 10 ** 4)}
        nets = {}
        for t in tests:
            self.use(t)
            for p in t["pairs"]:
                if p["task"] not in tau:
                    self.fail("%s: task %s is not synthetic or iris" % (t["where"], short_json(p["task"])))
                    continue
                for side in ("large", "small"):
                    q = p[side]
                    if q["q"] != t["measure"] or not plain(q) or q.get("data") is None or q["data"].name != p["task"] \
                            or (q["q"] == "psi_trace" and q["skeleton"] != "diagonal"):
                        self.fail("%s: a pair's %s is not %s on dataset %s%s" % (t["where"], side, t["measure"], p["task"],
                                  " (skeleton diagonal)" if t["measure"] == "psi_trace" else ""))
                    elif "net" in q:
                        nets[q["net"].name] = (q["net"], q["data"], tau[p["task"]])
        for name, (N, D, bound) in nets.items():
            ok = False
            for rel in self.rels:
                if rel["role"] == "instance":
                    for x, y in oriented(rel, "<="):
                        if plain(x, "gradient_norm_squared") and x["net"] is N and x["data"] is D and plain(y, "constant") \
                                and not isinstance(y["value"], list) and y["value"] <= bound:
                            self.use(rel)
                            ok = True
            if not ok:
                self.fail("network %s lacks its stationarity fact gradient_norm_squared(%s, %s) <= %s" % (name, name, D.name, fmt(bound)))
        return []


def claim_rules(cert):
    """Claim-owned kind, source, statement and verdict; then the claim's evidence rule (§5)."""
    kind, source, paper, checked = CLAIMS[cert.claim]
    fails = []
    if cert.kind != kind:
        fails.append("kind %s is not the claim's own (%s)" % (short_json(cert.kind), kind))
    if cert.doc["source"] != source:
        fails.append("source is not the claim's own (%s)" % fmt(source))
    if cert.doc["statement"] != {"paper": paper, "checked": checked}:
        fails.append("statement is not the claim's own (flatcheck prove writes it)")
    if cert.verdict not in VERDICTS[kind]:
        fails.append("verdict %s is not one of a %s's (%s)" % (cert.verdict, kind, ", ".join(sorted(VERDICTS[kind]))))
    R = Rules(cert)
    cx = getattr(R, "rule_" + cert.claim.replace("-", "_"))()
    if kind == "empirical":
        for c in cert.checks:
            if c["role"] != "instance":
                R.fail("%s: role %s in an empirical certificate (only instance)" % (c["where"], c["role"]))
    else:
        if "statistics" in cert.doc:
            R.fail("statistics in a %s certificate (empirical claims only)" % kind)
        if cert.verdict == "HOLDS":
            for c in cert.checks:
                if c["role"] == "counterexample":
                    R.fail("%s: a counterexample in a HOLDS certificate" % c["where"])
        elif cert.verdict == "REFUTED" and not cx:
            R.fail("REFUTED without a well-formed counterexample")
    for c in cert.checks:
        if c["i"] not in R.used:
            R.fail("%s (%s, role %s) is not used by the rule of claim %s" % (c["where"], c["check"], c["role"], cert.claim))
    return fails + R.fails


# ---------------------------------------------------------------------------------------------------
# §6 Work limits: estimated in 64-bit word operations from sizes and bit lengths, before recomputing.

def words(bits):
    return max(1, -(-bits // 64))


def estimate_work(cert):
    total = 0
    jets = set()

    def w(net, data=None):
        return words(net.bits) * net.depth + (words(data.bits) if data else 1)

    def paths_of(net, biases):
        c = count_paths(net, biases)
        if c > MAX_PATHS:
            raise TooLarge("network %s has more than %d paths" % (net.name, MAX_PATHS))
        return c

    def quantity(q):
        nonlocal total
        k, net, data = q["q"], q.get("net") or q.get("center"), q.get("data")
        if k in DERIVATIVE_QS and data is not None:
            if (id(net), id(data)) not in jets:
                jets.add((id(net), id(data)))
                total += net.P * net.E * data.n * w(net, data) ** 2
            if k == "psi_trace":
                total += (len(q["basis"]) + paths_of(net, True)) * net.E * data.n * w(net, data) ** 2
            elif k == "fisher_sharpness":
                total += net.P * net.P * (net.P + data.n) * w(net, data) ** 2
            elif "u" in q:
                total += net.E * data.n * w(net, data) ** 2
        elif data is not None:
            total += 2 * net.E * data.n * w(net, data) ** 2
        elif k in ("output", "output_d1"):
            total += net.E * w(net) ** 2
        elif k == "incidence_rank":
            rows = paths_of(net, q["biases"])
            total += rows * net.P * min(rows, net.P) * w(net)
        elif k == "paths_rank":
            rows = len(q["paths"])
            total += rows * net.P * min(rows, net.P) * w(net)
        elif k == "count" and q["what"] == "paths":
            total += net.E
        elif k == "path_value":
            total += len(q["path"]) * w(net)
        elif k == "box_volume":
            size = sum(words(v.numerator.bit_length()) + words(v.denominator.bit_length()) for v in q["lo"] + q["hi"])
            total += size * size
        for t in q.get("terms", ()):
            quantity(t)
    for c in cert.checks:
        kind = c["check"]
        if kind == "relation":
            quantity(c["lhs"])
            quantity(c["rhs"])
        elif kind == "sign_test":
            for p in c["pairs"]:
                quantity(p["large"])
                quantity(p["small"])
        elif kind == "same_path_values":
            total += (paths_of(c["a"], True) + paths_of(c["b"], True)) * (w(c["a"]) + w(c["b"]))
        elif kind == "exponent_identity":
            total += paths_of(c["net"], True) * len(c["basis"]) * w(c["net"])
        elif kind == "group_image":
            total += c["from"].E * w(c["from"])
        else:
            total += 1
    return total


# ---------------------------------------------------------------------------------------------------
# Command line

def check_file(path, max_work, max_bits):
    rep = {"file": path, "outcome": "valid", "exit": 0, "messages": []}
    try:
        cert = Cert(load_json(path), max_bits)
        rep.update(claim=cert.claim, verdict=cert.verdict, checks=len(cert.checks))
        work = estimate_work(cert)
        rep["work"] = work
        if work > max_work:
            raise TooLarge("re-checking needs about %d word operations, above --max-check-work %d" % (work, max_work))
        fails = claim_rules(cert)
        ev = Evaluator()
        for ch in cert.checks:
            try:
                ev.check(ch, cert)
            except Failed as e:
                fails.append("%s: %s" % (ch["where"], e))
        tests = [c for c in cert.checks if c["check"] == "sign_test"]
        if "statistics" in cert.doc and tests and "computed" in tests[0]:
            want = {"measure": tests[0]["measure"]}
            want.update(tests[0]["computed"])
            want["verdicts"] = {}
            for t in tests:
                if "computed" in t:
                    want["verdicts"][t["measure"]] = t["computed"]["verdict"]
            bad = compare_result(cert.doc["statistics"], want, "statistics")
            if bad:
                fails.append(bad + " (the deciding sign test's)")
            if cert.verdict != want["verdict"]:
                fails.append("verdict %s is not the deciding sign test's %s" % (cert.verdict, want["verdict"]))
        if fails:
            rep.update(outcome="invalid", exit=1, messages=fails)
    except Malformed as e:
        rep.update(outcome="malformed", exit=2, messages=[str(e)])
    except TooLarge as e:
        rep.update(outcome="too large", exit=4, messages=[str(e)])
    except RecursionError:
        rep.update(outcome="too large", exit=4, messages=["nested too deeply"])
    return rep


SEVERITY = {0: 0, 1: 1, 4: 2, 2: 3}


def main(argv=None):
    ap = argparse.ArgumentParser(prog="flatcheck_check.py", description="Independently re-check flatcheck certificates "
                                 "(format %s). Exit 0 valid, 1 invalid, 2 malformed, 4 too large." % FORMAT)
    ap.add_argument("files", nargs="+", metavar="CERT")
    ap.add_argument("--json", action="store_true", help="a machine-readable report on stdout")
    ap.add_argument("--max-check-work", type=int, default=10 ** 9, metavar="N",
                    help="refuse certificates whose estimated work exceeds N word operations (default 10^9)")
    ap.add_argument("--max-bits", type=int, default=10000, metavar="B",
                    help="refuse numbers whose numerator or denominator has more than B bits (default 10000)")
    args = ap.parse_args(argv)
    if hasattr(sys, "set_int_max_str_digits"):
        sys.set_int_max_str_digits(max(4300, args.max_bits // 3 + 10))
    worst, reports = 0, []
    for path in args.files:
        rep = check_file(path, args.max_check_work, args.max_bits)
        reports.append(rep)
        if SEVERITY[rep["exit"]] > SEVERITY[worst]:
            worst = rep["exit"]
        if not args.json:
            if rep["exit"] == 0:
                print("%s: valid — claim %s %s, %d checks re-evaluated" % (path, rep["claim"], rep["verdict"], rep["checks"]))
            else:
                more = len(rep["messages"]) - 1
                print("%s: %s — %s%s" % (path, rep["outcome"], rep["messages"][0],
                                         " (and %d more)" % more if more > 0 else ""))
            sys.stdout.flush()
    if args.json:
        print(json.dumps({"exit": worst, "files": reports}, indent=2, ensure_ascii=False))
    return worst


if __name__ == "__main__":
    sys.exit(main())
