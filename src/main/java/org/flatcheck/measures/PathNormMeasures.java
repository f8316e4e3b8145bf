package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.paths.PathNorms;
import org.flatcheck.symmetry.Symmetry;

/**
 * Path norms [N15; G24]: {@code Σ_p |v_p|} and {@code Σ_p v_p²}, computed in O(P) (docs/definitions.md §paths). The plain
 * ids sum over the paths from the inputs (biases ignored, as [N15] and the oracle sample, and as the
 * {@code paths} command's pinned keys); the {@code -with-biases} ids add the paths that start with a
 * bias, i.e. biases as edges from the constant-1 source ([G24]). Path values are products along paths,
 * so node rescalings (and layer scalings) cancel and permutations only reorder paths: invariant under
 * all three (proofs/measures.md).
 */
public final class PathNormMeasures {
    private PathNormMeasures() {
    }

    abstract static class Base implements FlatnessMeasure {
        private final Metadata metadata;

        Base(String id, String formula) {
            metadata = Metadata.of(id, "Neyshabur, Tomioka, Srebro 2015; Gonon et al. 2024", formula, Cost.CHEAP).withoutData();
        }

        @Override
        public Metadata metadata() {
            return metadata;
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

    /** {@code ‖v‖₁ = Σ_p |v_p|}. */
    public static class L1 extends Base {
        private final boolean biases;

        public L1() {
            this(false);
        }

        L1(boolean biases) {
            super(biases ? "path-norm-l1-with-biases" : "path-norm-l1",
                    biases ? "Σ_p |v_p| over paths from inputs and through biases" : "Σ_p |v_p| over paths from the inputs");
            this.biases = biases;
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Value.exact(PathNorms.l1(net, biases));
        }
    }

    /** {@code ‖v‖₂² = Σ_p v_p²}, reported as the exact square. */
    public static class L2 extends Base {
        private final boolean biases;

        public L2() {
            this(false);
        }

        L2(boolean biases) {
            super(biases ? "path-norm-l2-with-biases" : "path-norm-l2",
                    "‖v‖₂² = Σ_p v_p² (the exact square) over paths from the inputs" + (biases ? " and through biases" : ""));
            this.biases = biases;
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Value.exact(PathNorms.l2Squared(net, biases));
        }
    }

    /** The ℓ₁ path norm with bias paths ([G24]). */
    public static final class L1WithBiases extends L1 {
        public L1WithBiases() {
            super(true);
        }
    }

    /** The ℓ₂² path norm with bias paths ([G24]). */
    public static final class L2WithBiases extends L2 {
        public L2WithBiases() {
            super(true);
        }
    }
}
