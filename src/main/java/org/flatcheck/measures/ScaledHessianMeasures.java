package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

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
            if (!seen[g] && Q.isZero(norms[g])) {
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
        private final Metadata metadata;
        private final boolean trace;

        /** A trace (exact, Hessian cost) or a λ_max (exact characteristic polynomial). */
        Base(String id, String citation, String formula, boolean trace) {
            this.metadata = Metadata.of(id, citation, formula, trace ? Cost.HESSIAN : Cost.CHARPOLY);
            this.trace = trace;
        }

        @Override
        public Metadata metadata() {
            return metadata;
        }

        abstract Scaling scaling();

        @Override
        public Value compute(Network net, Dataset data, Options options) {
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
                if (trace) {
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
        Quotient(String id, String formula, boolean trace) {
            super(id, "Rangamani et al. 2019 (arXiv 1902.02434), as their code computes it", formula, trace);
        }

        @Override
        Scaling scaling() {
            return Scaling.QUOTIENT;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.NOT_INVARIANT;
                case LAYER_SCALING -> Verdict.INVARIANT;
                case PERMUTATION -> Verdict.INVARIANT;
            };
        }
    }

    /** {@code tr(D_W H)}, D_W = ‖W_l‖_F² on layer l's weights, ‖b_l‖² on its biases. */
    public static final class QuotientTrace extends Quotient {
        public QuotientTrace() {
            super("quotient-hessian-trace", "tr(D_W ∇²L), D_W = ‖W_l‖_F² on layer l's weights, ‖b_l‖² on its biases", true);
        }
    }

    /** {@code λ_max(D_W H)}, real as D_W H is similar to {@code D_W^½ H D_W^½}. */
    public static final class QuotientLambdaMax extends Quotient {
        public QuotientLambdaMax() {
            super("quotient-hessian-lambda-max", "λ_max(D_W ∇²L) = λ_max(D_W^½ ∇²L D_W^½)", false);
        }
    }

    abstract static class Adaptive extends Base {
        Adaptive(String id, String formula, boolean trace) {
            super(id, "Kwon et al. 2021 (ASAM); Andriushchenko et al. 2023 (η = 0, all parameters)", formula, trace);
        }

        @Override
        Scaling scaling() {
            return Scaling.ELEMENTWISE;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.INVARIANT;
                case LAYER_SCALING -> Verdict.INVARIANT;
                case PERMUTATION -> Verdict.INVARIANT;
            };
        }
    }

    /** {@code tr(T H T) = Σ θₖ² Hₖₖ}, T = diag(|θ|) over all parameters including biases. */
    public static final class AdaptiveTrace extends Adaptive {
        public AdaptiveTrace() {
            super("adaptive-sharpness-trace", "tr(T ∇²L T), T = diag(|θ|) (second-order adaptive sharpness)", true);
        }
    }

    /** {@code λ_max(T H T)}. */
    public static final class AdaptiveLambdaMax extends Adaptive {
        public AdaptiveLambdaMax() {
            super("adaptive-sharpness-lambda-max", "λ_max(T ∇²L T), T = diag(|θ|)", false);
        }
    }

    abstract static class Filter extends Base {
        Filter(String id, String formula, boolean trace) {
            super(id, "Kwon et al. 2021 (ASAM), filter-wise normalisation", formula, trace);
        }

        @Override
        Scaling scaling() {
            return Scaling.FILTERWISE;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.NOT_INVARIANT;
                case LAYER_SCALING -> Verdict.INVARIANT;
                case PERMUTATION -> Verdict.INVARIANT;
            };
        }
    }

    /** {@code tr(T H T)} with T = ‖row‖ on a unit's incoming weights and |b| on biases. */
    public static final class FilterTrace extends Filter {
        public FilterTrace() {
            super("adaptive-sharpness-filter-trace", "tr(T ∇²L T), T = ‖incoming row‖₂ on weights, |b| on biases", true);
        }
    }

    /** {@code λ_max(T H T)} filter-wise, i.e. {@code λ_max(T² H)}. */
    public static final class FilterLambdaMax extends Filter {
        public FilterLambdaMax() {
            super("adaptive-sharpness-filter-lambda-max", "λ_max(T ∇²L T) = λ_max(T² ∇²L), T as in the filter-wise trace", false);
        }
    }
}
