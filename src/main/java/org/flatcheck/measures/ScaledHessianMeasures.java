package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;

/**
 * Hessians rescaled by a diagonal {@code D ≥ 0}: the spectrum of {@code D·H} (that of the symmetric
 * {@code D^½ H D^½}) and its trace {@code Σ dₖ Hₖₖ}. With {@code D} chosen to transform as {@code D ↦ ΛDΛ}
 * when {@code H ↦ Λ⁻¹HΛ⁻¹} under a symmetry, {@code D·H ↦ Λ(D·H)Λ⁻¹} is similar, so trace and spectrum
 * are invariant (proofs/measures.md):
 * <ul>
 *   <li>quotient Hessian (Rangamani et al. 2019, arXiv 1902.02434, as their code computes it): the metric
 *       {@code g(ξ, η) = Σ_l ⟨ξ_l, η_l⟩/‖W_l‖²} per parameter block (each layer's weight matrix and bias
 *       vector) makes the Riemannian Hessian about {@code D_W ∇²L} with {@code dₖ = ‖W_l‖_F²} for the
 *       weights of layer l and {@code ‖b_l‖²} for its biases — similar under layer scaling, not under node
 *       rescaling. Undefined where a block is 0: the metric divides by its norm;
 *   <li>elementwise adaptive [K21; Andriushchenko et al. 2023, η = 0]: {@code dₖ = θₖ²} — similar under
 *       every rescaling;
 *   <li>filter-wise adaptive [K21]: {@code dₖ = ‖row‖²} of the weight row (a unit's incoming weights)
 *       that holds θₖ, {@code b²} for a bias — similar under layer scaling only.
 * </ul>
 */
public final class ScaledHessianMeasures {
    private ScaledHessianMeasures() {
    }

    /** Which diagonal. */
    enum Scaling {
        QUOTIENT, ELEMENTWISE, FILTERWISE;

        BigFraction[] diagonal(Network net) {
            int p = net.numParameters();
            BigFraction[] d = new BigFraction[p];
            BigFraction[] group = groupNorms(net, this);
            for (int k = 0; k < p; k++) {
                BigFraction w = net.edge(k).weight();
                d[k] = this == ELEMENTWISE || (this == FILTERWISE && net.edge(k).isBias()) ? w.multiply(w)
                        : group[groupOf(net, k, this)];
            }
            return d;
        }
    }

    /** Group index of parameter k: quotient — weight layer or bias layer; filter-wise — head node. */
    private static int groupOf(Network net, int k, Scaling s) {
        Edge e = net.edge(k);
        if (s == Scaling.QUOTIENT) {
            int layer = net.depth(e.to()) - 1;
            return 2 * layer + (e.isBias() ? 1 : 0);
        }
        return e.to();
    }

    private static BigFraction[] groupNorms(Network net, Scaling s) {
        BigFraction[] norms = new BigFraction[Math.max(2 * net.depth() + 2, net.nodes().size())];
        java.util.Arrays.fill(norms, BigFraction.ZERO);
        for (int k = 0; k < net.numParameters(); k++) {
            Edge e = net.edge(k);
            if (s == Scaling.FILTERWISE && e.isBias()) {
                continue;
            }
            int g = groupOf(net, k, s);
            norms[g] = norms[g].add(e.weight().multiply(e.weight()));
        }
        return norms;
    }

    /**
     * The first parameter block (layer l's weight matrix {@code W_l} or bias vector {@code b_l}, in parameter
     * order) whose entries are all 0, named for a message, if any: there the quotient metric
     * {@code Σ_l ⟨ξ_l, η_l⟩/‖W_l‖²} is undefined.
     */
    static java.util.Optional<String> zeroBlock(Network net) {
        BigFraction[] norms = groupNorms(net, Scaling.QUOTIENT);
        boolean[] seen = new boolean[norms.length];
        for (int k = 0; k < net.numParameters(); k++) {
            int g = groupOf(net, k, Scaling.QUOTIENT);
            if (!seen[g] && norms[g].getNumerator().signum() == 0) {
                int layer = g / 2;
                return java.util.Optional.of(net.edge(k).isBias()
                        ? "the bias vector b" + layer + " (of weight layer " + layer + ", 0-based)"
                        : "the weight matrix W" + layer + " (weight layer " + layer + ", 0-based)");
            }
            seen[g] = true;
        }
        return java.util.Optional.empty();
    }

    abstract static class Base implements FlatnessMeasure {
    @Override
    public Cost cost() {
        return trace() ? Cost.HESSIAN : Cost.CHARPOLY;
    }

        abstract Scaling scaling();

        abstract boolean trace();

        @Override
        public Value compute(Network net, Dataset data) {
            if (scaling() != Scaling.ELEMENTWISE && !net.isLayered()) {
                return new Value.Undefined("defined for layered networks (weight layers and filters)");
            }
            if (scaling() == Scaling.QUOTIENT) {
                java.util.Optional<String> zero = zeroBlock(net);
                if (zero.isPresent()) {
                    return new Value.Undefined("the metric of Rangamani et al. divides by each parameter block's squared "
                            + "norm, and " + zero.get() + " is 0");
                }
            }
            return Local.kink(net, data).orElseGet(() -> {
                QMatrix h = Local.hessian(net, data);
                BigFraction[] d = scaling().diagonal(net);
                if (trace()) {
                    BigFraction t = BigFraction.ZERO;
                    for (int k = 0; k < d.length; k++) {
                        t = t.add(d[k].multiply(h.get(k, k)));
                    }
                    return Value.exact(t);
                }
                return Local.lambdaMax(Local.memo(net, data, "spectrum-" + scaling(),
                        () -> Spectrum.ofDiagonalTimesSymmetric(d, h, Local.WIDTH)));
            });
        }
    }

    abstract static class Quotient extends Base {
        @Override
        Scaling scaling() {
            return Scaling.QUOTIENT;
        }

        @Override
        public String citation() {
            return "Rangamani et al. 2019 (arXiv 1902.02434), as their code computes it";
        }

        @Override
        public Verdict verdict(Symmetry s) {
            return s == Symmetry.NODE_RESCALING ? Verdict.NOT_INVARIANT : Verdict.INVARIANT;
        }
    }

    /** {@code tr(D_W H)}, D_W = ‖W_l‖_F² on layer l's weights, ‖b_l‖² on its biases. */
    public static final class QuotientTrace extends Quotient {
        @Override
        boolean trace() {
            return true;
        }

        @Override
        public String id() {
            return "quotient-hessian-trace";
        }

        @Override
        public String formula() {
            return "tr(D_W ∇²L), D_W = ‖W_l‖_F² on layer l's weights, ‖b_l‖² on its biases";
        }
    }

    /** {@code λ_max(D_W H)}, real as D_W H is similar to {@code D_W^½ H D_W^½}. */
    public static final class QuotientLambdaMax extends Quotient {
        @Override
        boolean trace() {
            return false;
        }

        @Override
        public String id() {
            return "quotient-hessian-lambda-max";
        }

        @Override
        public String formula() {
            return "λ_max(D_W ∇²L) = λ_max(D_W^½ ∇²L D_W^½)";
        }
    }

    abstract static class Adaptive extends Base {
        @Override
        Scaling scaling() {
            return Scaling.ELEMENTWISE;
        }

        @Override
        public String citation() {
            return "Kwon et al. 2021 (ASAM); Andriushchenko et al. 2023 (η = 0, all parameters)";
        }

        @Override
        public Verdict verdict(Symmetry s) {
            return Verdict.INVARIANT;
        }
    }

    /** {@code tr(T H T) = Σ θₖ² Hₖₖ}, T = diag(|θ|) over all parameters including biases. */
    public static final class AdaptiveTrace extends Adaptive {
        @Override
        boolean trace() {
            return true;
        }

        @Override
        public String id() {
            return "adaptive-sharpness-trace";
        }

        @Override
        public String formula() {
            return "tr(T ∇²L T), T = diag(|θ|) (second-order adaptive sharpness)";
        }
    }

    /** {@code λ_max(T H T)}. */
    public static final class AdaptiveLambdaMax extends Adaptive {
        @Override
        boolean trace() {
            return false;
        }

        @Override
        public String id() {
            return "adaptive-sharpness-lambda-max";
        }

        @Override
        public String formula() {
            return "λ_max(T ∇²L T), T = diag(|θ|)";
        }
    }

    abstract static class Filter extends Base {
        @Override
        Scaling scaling() {
            return Scaling.FILTERWISE;
        }

        @Override
        public String citation() {
            return "Kwon et al. 2021 (ASAM), filter-wise normalisation";
        }

        @Override
        public Verdict verdict(Symmetry s) {
            return s == Symmetry.NODE_RESCALING ? Verdict.NOT_INVARIANT : Verdict.INVARIANT;
        }
    }

    /** {@code tr(T H T)} with T = ‖row‖ on a unit's incoming weights and |b| on biases. */
    public static final class FilterTrace extends Filter {
        @Override
        boolean trace() {
            return true;
        }

        @Override
        public String id() {
            return "adaptive-sharpness-filter-trace";
        }

        @Override
        public String formula() {
            return "tr(T ∇²L T), T = ‖incoming row‖₂ on weights, |b| on biases";
        }
    }

    /** {@code λ_max(T H T)} filter-wise, i.e. {@code λ_max(T² H)}. */
    public static final class FilterLambdaMax extends Filter {
        @Override
        boolean trace() {
            return false;
        }

        @Override
        public String id() {
            return "adaptive-sharpness-filter-lambda-max";
        }

        @Override
        public String formula() {
            return "λ_max(T ∇²L T) = λ_max(T² ∇²L), T as in the filter-wise trace";
        }
    }
}
