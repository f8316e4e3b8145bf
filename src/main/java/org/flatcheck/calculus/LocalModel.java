package org.flatcheck.calculus;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The squared loss of a network on a dataset near θ, exactly:
 * {@code L(θ) = (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²} (no factor ½), and on the linear region of θ its gradient and
 * Hessian, obtained by exact forward and backward passes (not symbolic differentiation):
 * <pre>
 *   ∇L  = (2/n) Σᵢ Σₖ rᵢₖ ∇fᵢₖ,
 *   ∇²L = (2/n) Σᵢ ( Σₖ ∇fᵢₖ ∇fᵢₖᵀ + Σₖ rᵢₖ ∇²fᵢₖ ),      rᵢₖ = fₖ(xᵢ) − yᵢₖ.
 * </pre>
 * On a fixed activation pattern f is a sum over paths of products of distinct parameters, so
 * {@code ∂²f/∂wₐ²} = 0 and, for edges {@code a = (u→v)} and {@code b = (s→t)} with {@code s} equal to or
 * downstream of {@code v}, {@code Σₖ rₖ ∂²fₖ/∂wₐ∂w_b = hᵤ · ∂hₛ/∂zᵥ · ρₜ} with
 * {@code ρₜ = Σₖ rₖ ∂fₖ/∂zₜ}; other pairs give 0. All sums are computed fraction-free over
 * per-dataset common denominators ({@link ScaledPass}).
 *
 * <p>Outputs and loss are defined everywhere; gradient and Hessian throw {@link KinkException} if some
 * hidden pre-activation is exactly 0 on some data point (a kink: the point lies on the boundary of
 * linear regions, or on a zero that the rule {@code relu(0) = 0} would silently resolve).
 */
public final class LocalModel {
    private final ScaledPass pass;
    private final BigInteger[][] h;
    private final BigInteger[][] residual;
    private final boolean[][] active;
    /** Every zero hidden pre-activation, by data point, then node order; empty off kinks. */
    private final List<KinkException.Site> sites;
    private KinkException kink;

    private LocalModel(ScaledPass pass) {
        this.pass = pass;
        int n = pass.data.size();
        this.h = new BigInteger[n][];
        this.residual = new BigInteger[n][];
        this.active = new boolean[n][pass.nodes];
        List<KinkException.Site> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigInteger[] z = new BigInteger[pass.nodes];
            h[i] = pass.forward(i, z);
            residual[i] = pass.residuals(i, h[i]);
            boolean[] constantZero = null;
            for (int v : pass.hidden) {
                active[i][v] = z[v].signum() > 0;
                if (z[v].signum() == 0) {
                    constantZero = constantZero != null ? constantZero : pass.identicallyZero(z, h[i]);
                    found.add(new KinkException.Site(i, pass.net.node(v).name(), constantZero[v]));
                }
            }
        }
        this.sites = List.copyOf(found);
    }

    /** The same forward pass with node {@code v}'s activation on data point {@code i} set to {@code on}, no kink. */
    private LocalModel(LocalModel base, int i, int v, boolean on) {
        this.pass = base.pass;
        this.h = base.h;
        this.residual = base.residual;
        this.active = new boolean[base.active.length][];
        for (int j = 0; j < active.length; j++) {
            active[j] = base.active[j].clone();
        }
        active[i][v] = on;
        this.sites = List.of();
    }

    /**
     * The local model of {@code net} on {@code data}.
     *
     * @throws IllegalArgumentException if the data's widths do not match the network's inputs/outputs
     */
    public static LocalModel of(Network net, Dataset data) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(data, "data");
        if (data.inputDimension() != net.numInputs() || data.targetDimension() != net.numOutputs()) {
            throw new IllegalArgumentException("data has " + data.inputDimension() + " inputs and "
                    + data.targetDimension() + " targets per point, network " + net.numInputs() + " and "
                    + net.numOutputs());
        }
        return new LocalModel(new ScaledPass(net, data));
    }

    public Network network() {
        return pass.net;
    }

    public Dataset dataset() {
        return pass.data;
    }

    /**
     * The kink, if some hidden pre-activation is exactly 0: every such site, the first one that takes both
     * signs near θ (else the first), and what is true of the loss there.
     */
    public synchronized Optional<KinkException> kink() {
        if (sites.isEmpty()) {
            return Optional.empty();
        }
        if (kink == null) {
            KinkException.Site first = KinkException.reported(sites);
            kink = new KinkException(sites, pass.data.input(first.point()), smoothness(first));
        }
        return Optional.of(kink);
    }

    /**
     * What the sites decide about the loss at θ. With exactly one site that changes sign (the others stay 0,
     * so no other activation moves), the loss near θ is one polynomial on each side of that site's zero
     * set — the active side agrees with the pass except for that node's activation, as its output is 0 at
     * θ either way — and that set is a hypersurface with both sides open near θ, because the site has a
     * bias or an input that is nonzero at θ. The loss is then differentiable (twice differentiable) at θ
     * exactly when the two polynomials' gradients (and Hessians) agree at θ.
     */
    private KinkException.Smoothness smoothness(KinkException.Site first) {
        long changing = sites.stream().filter(s -> !s.staysZero()).count();
        if (changing == 0) {
            return KinkException.Smoothness.POLYNOMIAL;
        }
        if (changing > 1) {
            return KinkException.Smoothness.UNDECIDED;
        }
        int v = pass.net.indexOf(first.node());
        LocalModel off = new LocalModel(this, first.point(), v, false);
        LocalModel on = new LocalModel(this, first.point(), v, true);
        if (!off.gradient().equals(on.gradient())) {
            return KinkException.Smoothness.NOT_DIFFERENTIABLE;
        }
        return off.hessian().equals(on.hessian()) ? KinkException.Smoothness.TWICE_DIFFERENTIABLE
                : KinkException.Smoothness.NOT_TWICE_DIFFERENTIABLE;
    }

    /** {@code f_θ(xᵢ)} for every data point. */
    public BigFraction[][] outputs() {
        BigFraction[][] f = new BigFraction[h.length][pass.outputs.length];
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < pass.outputs.length; k++) {
                int o = pass.outputs[k];
                f[i][k] = Q.of(h[i][o], pass.e.multiply(pass.dPow(pass.depth[o])));
            }
        }
        return f;
    }

    /** {@code L(θ) = (1/n) Σᵢ ‖f(xᵢ) − yᵢ‖² = Σ R̂² / (n (T E D^m)²)}. */
    public BigFraction loss() {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger[] r : residual) {
            for (BigInteger x : r) {
                s = s.add(x.multiply(x));
            }
        }
        BigInteger scale = pass.t.multiply(pass.e).multiply(pass.dPow(pass.m));
        return Q.of(s, scale.multiply(scale).multiply(BigInteger.valueOf(h.length)));
    }

    /** {@code ∇L(θ)} in parameter order; {@code (2/n) Σ R̂ G / (T E² D^(2m−1))}. */
    public QVector gradient() {
        requireSmooth();
        BigInteger[] g = new BigInteger[pass.params];
        java.util.Arrays.fill(g, BigInteger.ZERO);
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < pass.outputs.length; k++) {
                if (residual[i][k].signum() == 0) {
                    continue;
                }
                BigInteger[] gk = jacobianRow(i, pass.delta(k, active[i]));
                for (int a = 0; a < pass.params; a++) {
                    g[a] = g[a].add(residual[i][k].multiply(gk[a]));
                }
            }
        }
        BigInteger den = pass.t.multiply(pass.e).multiply(pass.e).multiply(pass.dPow(2 * pass.m - 1))
                .multiply(BigInteger.valueOf(h.length));
        for (int a = 0; a < g.length; a++) {
            g[a] = g[a].shiftLeft(1);
        }
        return QVector.of(g, den);
    }

    /**
     * The Jacobian of every output on every data point with respect to θ: row {@code i·K + k} is
     * {@code ∇_θ fₖ(xᵢ)}, i.e. {@code G / (E D^(m−1))}.
     */
    public QMatrix outputJacobian() {
        requireSmooth();
        int rows = h.length * pass.outputs.length;
        BigInteger[][] j = new BigInteger[rows][];
        for (int i = 0; i < h.length; i++) {
            for (int k = 0; k < pass.outputs.length; k++) {
                j[i * pass.outputs.length + k] = jacobianRow(i, pass.delta(k, active[i]));
            }
        }
        return QMatrix.of(j, pass.e.multiply(pass.dPow(pass.m - 1)));
    }

    /**
     * {@code ⟨u, ∇_θ ℓᵢ⟩} for every data point, where {@code ℓᵢ = ‖f(xᵢ) − yᵢ‖²} is the point's loss, so
     * {@code ∇ℓᵢ = 2 Σₖ rᵢₖ ∇fᵢₖ}.
     */
    public BigFraction[] pointLossDerivatives(BigFraction[] u) {
        QVector ju = outputJacobian().multiply(QVector.of(u));
        BigFraction[][] f = outputs();
        BigFraction[] out = new BigFraction[h.length];
        int outs = pass.outputs.length;
        for (int i = 0; i < h.length; i++) {
            BigFraction s = BigFraction.ZERO;
            BigFraction[] y = pass.data.target(i);
            for (int k = 0; k < outs; k++) {
                s = s.add(f[i][k].subtract(y[k]).multiply(ju.get(i * outs + k)));
            }
            out[i] = s.multiply(2);
        }
        return out;
    }

    /** {@code Gᵏₑ = Hᵤ Δ̂ᵏᵥ D^(d(v)−d(u)−1)} for every edge {@code e = (u→v)}. */
    private BigInteger[] jacobianRow(int i, BigInteger[] delta) {
        BigInteger[] g = new BigInteger[pass.params];
        for (int a = 0; a < pass.params; a++) {
            BigInteger hu = h[i][pass.from[a]];
            BigInteger dv = delta[pass.to[a]];
            g[a] = hu.signum() == 0 || dv.signum() == 0 ? BigInteger.ZERO : hu.multiply(dv).multiply(pass.shift[a]);
        }
        return g;
    }

    /**
     * {@code ∇²L(θ)} in parameter order, symmetric P × P:
     * {@code (2/n) [T Σᵢₖ Gᵏ Gᵏᵀ + Σᵢ Cᵢ] / (T E² D^(2m−2))}, with the cross term
     * {@code Cᵢ[a][b] = Hᵤ 𝒥(v,s) Pₜ D^(d(v)−d(u)−1) D^(d(t)−d(s)−1)} for {@code a = (u→v)}, {@code b = (s→t)}.
     */
    public QMatrix hessian() {
        return hessian(i -> { });
    }

    /**
     * {@link #hessian()}, calling {@code afterPoint} with the number of data points done after each one (for
     * progress reports; it may throw to abandon the computation).
     */
    public QMatrix hessian(java.util.function.IntConsumer afterPoint) {
        requireSmooth();
        int p = pass.params;
        Accumulator gaussNewton = new Accumulator(p);
        Accumulator cross = new Accumulator(p);
        for (int i = 0; i < h.length; i++) {
            BigInteger[] rho = new BigInteger[pass.nodes];
            java.util.Arrays.fill(rho, BigInteger.ZERO);
            for (int k = 0; k < pass.outputs.length; k++) {
                BigInteger[] delta = pass.delta(k, active[i]);
                addGaussNewton(gaussNewton, jacobianRow(i, delta));
                for (int v = 0; v < pass.nodes; v++) {
                    if (delta[v].signum() != 0 && residual[i][k].signum() != 0) {
                        rho[v] = rho[v].add(residual[i][k].multiply(delta[v]));
                    }
                }
            }
            addCross(cross, i, rho);
            afterPoint.accept(i + 1);
        }
        BigInteger[][] num = new BigInteger[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = a; b < p; b++) {
                BigInteger c = a == b ? cross.get(a, a) : cross.get(a, b).add(cross.get(b, a));
                BigInteger v = gaussNewton.get(a, b).multiply(pass.t).add(c).shiftLeft(1);
                num[a][b] = v;
                num[b][a] = v;
            }
        }
        BigInteger den = pass.t.multiply(pass.e).multiply(pass.e).multiply(pass.dPow(2 * pass.m - 2))
                .multiply(BigInteger.valueOf(h.length));
        return QMatrix.of(num, den);
    }

    private static void addGaussNewton(Accumulator acc, BigInteger[] g) {
        List<Integer> nz = new ArrayList<>();
        for (int a = 0; a < g.length; a++) {
            if (g[a].signum() != 0) {
                nz.add(a);
            }
        }
        int[] idx = nz.stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] x = new BigInteger[idx.length];
        for (int q = 0; q < idx.length; q++) {
            x[q] = g[idx[q]];
        }
        acc.addOuter(idx, x, idx, x, true);
    }

    /** Adds {@code Cᵢ}: for every active hidden {@code v} and every {@code s} with {@code 𝒥(v,s) ≠ 0}. */
    private void addCross(Accumulator acc, int i, BigInteger[] rho) {
        BigInteger[] hi = h[i];
        for (int v : pass.hidden) {
            if (!active[i][v]) {
                continue;
            }
            BigInteger[] jac = pass.jacobianFrom(v, active[i]);
            int[] ia = pass.in[v];
            for (int s = 0; s < pass.nodes; s++) {
                if (jac[s].signum() == 0 || pass.kind[s] != Kind.HIDDEN) {
                    continue;
                }
                int[] ib = pass.out[s];
                BigInteger[] y = new BigInteger[ib.length];
                for (int q = 0; q < ib.length; q++) {
                    y[q] = rho[pass.to[ib[q]]].multiply(pass.shift[ib[q]]);
                }
                BigInteger[] x = new BigInteger[ia.length];
                for (int q = 0; q < ia.length; q++) {
                    x[q] = hi[pass.from[ia[q]]].multiply(jac[s]).multiply(pass.shift[ia[q]]);
                }
                acc.addOuter(ia, x, ib, y, false);
            }
        }
    }

    private void requireSmooth() {
        if (!sites.isEmpty()) {
            throw kink().orElseThrow();
        }
    }
}
