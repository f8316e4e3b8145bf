package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The measures read off the exact Hessian {@code H = ∇²L(θ)} of the squared loss (docs/definitions.md §measures, rows
 * hessian-*; [K17], [D17]). By the congruence law {@code ∇²L(Dθ) = D⁻¹∇²L(θ)D⁻¹} (docs/definitions.md §symmetries) none is
 * invariant under rescaling, while a permutation acts as {@code PᵀHP}, which keeps every spectral
 * quantity (proofs/measures.md).
 */
public final class HessianMeasures {
    private HessianMeasures() {
    }

    /** Base for the Hessian family: undefined at a kink; invariant only under permutations. */
    abstract static class Base implements FlatnessMeasure {
        private final Metadata metadata;

        Base(String id, String formula) {
            this(id, formula, Cost.HESSIAN);
        }

        Base(String id, String formula, Cost cost) {
            metadata = Metadata.of(id, "Dinh et al. 2017 (§3–4); Keskar et al. 2017", formula, cost);
        }

        @Override
        public Metadata metadata() {
            return metadata;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.NOT_INVARIANT;
                case LAYER_SCALING -> Verdict.NOT_INVARIANT;
                case PERMUTATION -> Verdict.INVARIANT;
            };
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Local.kink(net, data).orElseGet(() -> value(net, data));
        }

        abstract Value value(Network net, Dataset data);
    }

    /**
     * The diagonal blocks of H per weight layer (a layer's weights and its biases), for the per-layer
     * breakdowns users of Hessian tools ask for; DAGs group parameters by the depth of their head.
     */
    static java.util.Map<String, QMatrix> layerBlocks(Network net, Dataset data) {
        QMatrix h = Local.hessian(net, data);
        java.util.TreeMap<Integer, java.util.List<Integer>> groups = new java.util.TreeMap<>();
        for (int k = 0; k < net.numParameters(); k++) {
            groups.computeIfAbsent(net.depth(net.edge(k).to()) - 1, x -> new java.util.ArrayList<>()).add(k);
        }
        java.util.Map<String, QMatrix> out = new java.util.LinkedHashMap<>();
        groups.forEach((layer, idx) -> {
            org.apache.commons.math3.fraction.BigFraction[][] b = new org.apache.commons.math3.fraction.BigFraction[idx.size()][idx.size()];
            for (int i = 0; i < idx.size(); i++) {
                for (int j = 0; j < idx.size(); j++) {
                    b[i][j] = h.get(idx.get(i), idx.get(j));
                }
            }
            out.put("layer " + layer, QMatrix.of(b));
        });
        return out;
    }

    private static java.util.Optional<java.util.Map<String, Value>> perLayer(Network net, Dataset data,
            java.util.function.Function<QMatrix, Value> f) {
        if (model(net, data).kink().isPresent()) {
            return java.util.Optional.empty();
        }
        java.util.Map<String, Value> out = new java.util.LinkedHashMap<>();
        layerBlocks(net, data).forEach((k, b) -> out.put(k, f.apply(b)));
        return java.util.Optional.of(out);
    }

    private static org.flatcheck.calculus.LocalModel model(Network net, Dataset data) {
        return Local.model(net, data);
    }

    /** {@code λ_max(H)}, certified; the algebraic number itself is kept for exact comparisons. */
    public static final class LambdaMax extends Base {
        public LambdaMax() {
            super("hessian-lambda-max", "λ_max(∇²L(θ))", Cost.SPECTRUM);
        }

        @Override
        public java.util.Optional<java.util.Map<String, Value>> perLayer(Network net, Dataset data) {
            return HessianMeasures.perLayer(net, data, Local::lambdaMax);
        }

        @Override
        Value value(Network net, Dataset data) {
            return Local.lambdaMax(net, data, "spectrum", Local.hessian(net, data));
        }
    }

    /** {@code max |λ(H)| = max(λ_max, −λ_min)}, the spectral norm. */
    public static final class SpectralNorm extends Base {
        public SpectralNorm() {
            super("hessian-spectral-norm", "‖∇²L(θ)‖₂ = max |λᵢ(∇²L(θ))|", Cost.SPECTRUM);
        }

        @Override
        Value value(Network net, Dataset data) {
            QMatrix h = Local.hessian(net, data);
            if (h.rows() > Local.EXACT_SPECTRUM_PARAMS) {
                org.flatcheck.exact.CertifiedSpectrum c = Local.certified(net, data, "spectrum", h);
                org.flatcheck.exact.Interval max = c.lambdaMax();
                org.flatcheck.exact.Interval min = c.lambdaMin();
                org.apache.commons.math3.fraction.BigFraction lo = Q.max(max.lo(), min.hi().negate());
                org.apache.commons.math3.fraction.BigFraction hi = Q.max(max.hi(), min.lo().negate());
                return new Value.Certified(org.flatcheck.exact.Interval.of(lo, hi), null, Local.ENCLOSURE_NOTE);
            }
            Spectrum s = Local.spectrum(net, data);
            if (s.eigenvalues().isEmpty()) {
                return Local.lambdaMax(s);
            }
            AlgebraicNumber max = s.lambdaMaxExact();
            AlgebraicNumber min = s.exactEigenvalues().get(0);
            for (AlgebraicNumber x : s.exactEigenvalues()) {
                min = x.compareTo(min) < 0 ? x : min;
            }
            AlgebraicNumber negMin = min.negate();
            return Value.algebraic(negMin.compareTo(max) > 0 ? negMin : max, Local.WIDTH);
        }
    }

    /** {@code tr H}, exact. */
    public static final class Trace extends Base {
        public Trace() {
            super("hessian-trace", "tr ∇²L(θ)");
        }

        @Override
        public java.util.Optional<java.util.Map<String, Value>> perLayer(Network net, Dataset data) {
            return HessianMeasures.perLayer(net, data, b -> Value.exact(b.trace()));
        }

        @Override
        Value value(Network net, Dataset data) {
            return Value.exact(Local.hessian(net, data).trace());
        }
    }

    /** {@code ‖H‖_F² = Σ Hᵢⱼ²}, exact. */
    public static final class Frobenius extends Base {
        public Frobenius() {
            super("hessian-frobenius", "‖∇²L(θ)‖_F² = Σᵢⱼ (∇²L)ᵢⱼ²");
        }

        @Override
        Value value(Network net, Dataset data) {
            return Value.exact(Local.hessian(net, data).frobeniusSquared());
        }
    }

    /** The product of the nonzero eigenvalues (a volume proxy), exact from the characteristic polynomial. */
    public static final class PseudoDeterminant extends Base {
        public PseudoDeterminant() {
            super("hessian-pdet", "Π_{λᵢ≠0} λᵢ(∇²L(θ)) = (−1)^r c_r of det(λI − H)", Cost.CHARPOLY);
        }

        @Override
        Value value(Network net, Dataset data) {
            return Value.exact(Local.spectrum(net, data).pseudoDeterminant());
        }
    }
}
