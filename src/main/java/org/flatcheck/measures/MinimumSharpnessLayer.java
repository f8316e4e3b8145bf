package org.flatcheck.measures;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Polynomial;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Sturm;
import org.flatcheck.network.Network;

/**
 * Minimum sharpness as [I21]'s code computes it: the infimum of {@code tr ∇²L} over layer scalings
 * {@code T_a} ({@code Π a_l = 1}; a layer's biases scale with {@code Π_{k≤l} a_k}):
 * {@code inf_a Σ_l T_l/a_l² + Σ_l B_l/(Π_{k≤l} a_k)²}, with {@code T_l}, {@code B_l} the traces of the
 * Hessian blocks of layer l's weights and biases. Without biases, by AM–GM the infimum is
 * {@code (L+1)(Π_l T_l)^{1/(L+1)}} over the {@code L+1} weight layers (0 if some {@code T_l = 0}),
 * an algebraic number flatcheck computes exactly. With biases the bias terms are ≥ 0, so that number
 * is a certified lower end, and the objective at a rational feasible point (found numerically) is the
 * certified upper end. Being an infimum over layer scalings it is invariant under them; node
 * rescalings move it (MATH §4: an exact 2-unit example gives 4, then 5).
 */
public final class MinimumSharpnessLayer implements FlatnessMeasure {
    @Override
    public Cost cost() {
        return Cost.HESSIAN;
    }

    @Override
    public String id() {
        return "minimum-sharpness-layer";
    }

    @Override
    public String citation() {
        return "Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612), layer-wise as in the authors' code";
    }

    @Override
    public String formula() {
        return "inf over layer scalings T_a of tr ∇²L(T_a θ) = inf_a Σ_l T_l/a_l² + B_l/(Π_{k≤l} a_k)²";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return s == Symmetry.NODE_RESCALING ? Verdict.NOT_INVARIANT : Verdict.INVARIANT;
    }

    @Override
    public Value compute(Network net, Dataset data) {
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
        BigFraction upper = LayerScalingSearch.minimise(t, b);
        BigFraction lower = weightsOnly.approximate(Local.WIDTH).lo();
        return new Value.Certified(Interval.of(lower.compareTo(upper) <= 0 ? lower : upper, upper), null,
                "lower end: the bias-free AM–GM minimum; upper end: the objective at a rational feasible scaling");
    }

    /** {@code (L+1)(Π T_l)^{1/(L+1)}}, the positive root of {@code x^n − n^n Π T_l}, or 0. */
    static AlgebraicNumber amGm(BigFraction[] t) {
        int n = t.length;
        BigFraction product = BigFraction.ONE;
        for (BigFraction x : t) {
            product = product.multiply(x);
        }
        if (product.getNumerator().signum() == 0) {
            return AlgebraicNumber.rational(BigFraction.ZERO);
        }
        BigFraction c = product.multiply(new BigFraction(BigInteger.valueOf(n).pow(n)));
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
