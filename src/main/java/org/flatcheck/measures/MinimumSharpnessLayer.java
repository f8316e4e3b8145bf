package org.flatcheck.measures;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Polynomial;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Sturm;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Minimum sharpness as the code of Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612) computes it:
 * the infimum of {@code tr ∇²L} over layer scalings {@code T_a} ({@code Π a_l = 1}; a layer's biases
 * scale with {@code Π_{k≤l} a_k}):
 * <pre>
 *   inf_a Σ_l T_l/a_l² + Σ_l B_l/(Π_{k≤l} a_k)²,
 * </pre>
 * with {@code T_l}, {@code B_l} the traces of the Hessian blocks of layer l's weights and biases. Without
 * biases, by AM–GM the infimum is {@code (L+1)(Π_l T_l)^{1/(L+1)}} over the {@code L+1} weight layers (0 if
 * some {@code T_l = 0}), an algebraic number flatcheck computes exactly. With biases it is a geometric
 * program in the free factors {@code a_0, …, a_{L−1}} ({@code a_L = 1/Π a_k}), enclosed by
 * {@link GeometricProgram}: the objective at a rational feasible scaling found numerically is the upper end,
 * and a rational dual point δ ({@code δ ≥ 0}, {@code Σδ = 1}, exponents balanced) gives the lower end
 * {@code Π (c_k/δ_k)^δ_k} by weak duality (Boyd et al. 2007, "A tutorial on geometric programming", §3),
 * at least the bias-free AM–GM value (the bias terms are ≥ 0). Being an infimum over layer scalings it
 * is invariant under them; node rescalings move it (an exact 2-unit example gives 4, then 5).
 */
public final class MinimumSharpnessLayer implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("minimum-sharpness-layer", "Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612), layer-wise as in the authors' code",
            "inf over layer scalings T_a of tr ∇²L(T_a θ) = inf_a Σ_l T_l/a_l² + B_l/(Π_{k≤l} a_k)²", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        if (!net.isLayered()) {
            return new Value.Undefined("defined for layered networks (layer scalings)");
        }
        return Local.kink(net, data).orElseGet(() -> value(net, Local.hessian(net, data)));
    }

    private static Value value(Network net, QMatrix h) {
        int layers = net.layers().orElseThrow().length - 1;
        BigFraction[] t = new BigFraction[layers];
        BigFraction[] b = new BigFraction[layers];
        java.util.Arrays.fill(t, BigFraction.ZERO);
        java.util.Arrays.fill(b, BigFraction.ZERO);
        for (int k = 0; k < net.numParameters(); k++) {
            int l = net.depth(net.edge(k).to()) - 1;
            if (net.edge(k).isBias()) {
                b[l] = b[l].add(h.get(k, k));
            } else {
                t[l] = t[l].add(h.get(k, k));
            }
        }
        for (int l = 0; l < layers; l++) {
            if (t[l].getNumerator().signum() < 0 || b[l].getNumerator().signum() < 0) {
                return new Value.Undefined("layer " + l + " has a negative Hessian trace, so the infimum over layer "
                        + "scalings can be −∞; certified only where every layer's weight and bias traces are ≥ 0");
            }
        }
        AlgebraicNumber weightsOnly = amGm(t);
        if (!net.hasBiases()) {
            return Value.algebraic(weightsOnly, Local.WIDTH);
        }
        GeometricProgram.Enclosure gp = program(t, b).enclose();
        BigFraction upper = gp.interval().hi();
        BigFraction amGm = weightsOnly.approximate(Local.WIDTH).lo();
        boolean dual = gp.interval().lo().compareTo(amGm) > 0;
        BigFraction lower = dual ? gp.interval().lo() : amGm;
        if (lower.compareTo(upper) > 0) {
            throw new IllegalStateException("lower end " + lower + " above the objective " + upper + " at a scaling");
        }
        return new Value.Certified(Interval.of(lower, upper), null, "lower end: "
                + (dual ? gp.lowerEnd() : "the bias-free AM–GM minimum") + "; upper end: the objective at a rational feasible scaling");
    }

    /**
     * {@code Σ_l T_l exp(−2u_l) + B_l exp(−2 Σ_{k≤l} u_k)} over the free log-factors {@code u_l = ln a_l},
     * {@code l < L}, with {@code a_L = exp(−Σ u_k)}: the last layer's weight term is
     * {@code T_L exp(2 Σ u_k)} and its bias term the constant {@code B_L}.
     */
    static GeometricProgram program(BigFraction[] t, BigFraction[] b) {
        int layers = t.length;
        int free = layers - 1;
        BigFraction[] c = new BigFraction[2 * layers];
        int[][] u = new int[2 * layers][free];
        for (int l = 0; l < layers; l++) {
            c[2 * l] = t[l];
            c[2 * l + 1] = b[l];
            for (int k = 0; k < free; k++) {
                u[2 * l][k] = l < free ? (k == l ? -2 : 0) : 2;
                u[2 * l + 1][k] = l < free && k <= l ? -2 : 0;
            }
        }
        return new GeometricProgram(c, u, free);
    }

    /** {@code (L+1)(Π T_l)^{1/(L+1)}}, the positive root of {@code x^n − n^n Π T_l}, or 0. */
    static AlgebraicNumber amGm(BigFraction[] t) {
        int n = t.length;
        BigFraction product = BigFraction.ONE;
        for (BigFraction x : t) {
            product = product.multiply(x);
        }
        if (Q.isZero(product)) {
            return AlgebraicNumber.rational(BigFraction.ZERO);
        }
        BigFraction c = product.multiply(Q.of(BigInteger.valueOf(n).pow(n)));
        BigInteger[] coeff = new BigInteger[n + 1];
        java.util.Arrays.fill(coeff, BigInteger.ZERO);
        coeff[n] = c.getDenominator();
        coeff[0] = c.getNumerator().negate();
        Polynomial p = Polynomial.ofAscending(coeff);
        for (Interval i : Sturm.of(p).isolate()) {
            if (i.hi().getNumerator().signum() > 0) {
                return AlgebraicNumber.root(p, i.lo().getNumerator().signum() < 0 ? Interval.of(BigFraction.ZERO, i.hi()) : i);
            }
        }
        throw new IllegalStateException("x^n − c with c > 0 has a positive root");
    }
}
