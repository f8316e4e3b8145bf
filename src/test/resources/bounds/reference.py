"""Independent reference values for BoundReferenceTest (run once with /usr/bin/python3; sympy 1.14, mpmath 1.3).

The network is 2-2-1 without biases, W1 = [[1, -1/3], [2, 1]], W2 = [[3/2, -1]], on the three points
x = (1, 2), (-1, 1/2), (2, -1) with targets 1, 0, 1/2 (no pre-activation is 0: no kink). Everything is
computed here from the formulas in proofs/bounds.md, without flatcheck's code: path norms by listing the
paths, spectral norms as exact eigenvalues of W Wᵀ (sympy), the Hessian by symbolic differentiation of
the loss, and the transcendental steps with mpmath at 60 digits. Printed to 30 significant digits.
"""
import sympy as sp
import mpmath as mp

mp.mp.dps = 60
R = sp.Rational
W1 = sp.Matrix([[1, R(-1, 3)], [2, 1]])
W2 = sp.Matrix([[R(3, 2), -1]])
X = [(1, 2), (-1, R(1, 2)), (2, -1)]
Y = [1, 0, R(1, 2)]
n, delta = len(X), R(1, 20)

# path norm: every path x_i -> h_j -> y
phi1 = sum(abs(W1[j, i] * W2[0, j]) for i in range(2) for j in range(2))
binf = max(max(abs(v) for v in x) for x in X)
b2sq = max(sum(v * v for v in x) for x in X)

def spec2(W):
    return max(sp.Matrix(W * W.T).eigenvals().keys(), key=lambda e: sp.N(e, 50))

s2 = [spec2(W1), spec2(W2)]
fro2 = [sum(v * v for v in W1), sum(v * v for v in W2)]
rows = [sum(sp.sqrt(sum(W[j, i] ** 2 for i in range(W.cols))) for j in range(W.rows)) for W in (W1, W2)]

def m(x):
    return mp.mpf(sp.N(x, 70))

n15 = 2 ** 2 * m(phi1) * m(binf) * mp.sqrt(2 * mp.log(2 * 2) / n)
g24 = 4 / mp.sqrt(n) * mp.sqrt(2 * mp.log(3) + mp.log(3 * (2 + 1) * 1)) * m(binf) * m(phi1)
s = [mp.sqrt(m(v)) for v in s2]
b17 = (s[0] * s[1]) * ((m(rows[0]) / s[0]) ** (mp.mpf(2) / 3) + (m(rows[1]) / s[1]) ** (mp.mpf(2) / 3)) ** mp.mpf(1.5)
spec = (m(s2[0]) * m(s2[1])) * (m(fro2[0]) / m(s2[0]) + m(fro2[1]) / m(s2[1]))
d, h = 2, 2
nbs18 = mp.sqrt((m(b2sq) * d ** 2 * h * mp.log(d * h) * spec + mp.log(d * n / m(delta))) / n)

# exact Hessian of L(θ) = (1/n) Σ (f(x) - y)², θ in PyTorch order: W1 row-major, then W2
th = sp.symbols('t0:6')
relu = lambda z: sp.Max(0, z)
def f(x):
    h0 = relu(th[0] * x[0] + th[1] * x[1])
    h1 = relu(th[2] * x[0] + th[3] * x[1])
    return th[4] * h0 + th[5] * h1
L = sum((f(x) - y) ** 2 for x, y in zip(X, Y)) / n
point = dict(zip(th, [1, R(-1, 3), 2, 1, R(3, 2), -1]))
H = [[sp.simplify(sp.diff(L, a, b).subs(point)) for b in th] for a in th]
trH = sum(H[k][k] for k in range(6))
norm2 = sum(v * v for v in point.values())
j20 = m(norm2) * m(trH) * 5 / 4 + mp.log(n) + mp.log(5 * m(trH)) / 2 + 10
eps2 = R(1, 10 ** 6)
inv_sigma2 = sum(point[th[k]] ** 2 * H[k][k] for k in range(6)) / (R(1, 5) - eps2 * trH)
sigma2 = 1 / inv_sigma2
num = eps2 + (sigma2 + 1) * norm2 / 6
mag = sum(mp.log(m(num / (eps2 + sigma2 * point[t] ** 2))) for t in th) / 4 + mp.log(n) + mp.log(m(inv_sigma2)) / 2 + 10

print("exact: phi1 =", phi1, " trH =", trH, " |theta|^2 =", norm2, " 1/sigma'^2 =", inv_sigma2)
for name, v in [("n15", n15), ("g24", g24), ("b17", b17), ("nbs18", nbs18), ("j20", j20), ("j20mag", mag)]:
    print(name, mp.nstr(v, 30))
