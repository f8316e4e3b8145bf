package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The Frobenius and determinant members of the sharpness family of Tahmasebi, Soleymani, Bahri, Jegelka,
 * Jaillet 2024 (ICML, arXiv 2406.03682), the measures that Frob-SAM and Det-SAM minimise: the Frobenius norm
 * and the determinant of the loss Hessian. flatcheck reports {@code ‖∇²L‖_F²} (what the family's variance form
 * measures at a critical point; equal to {@code hessian-frobenius}) and {@code det ∇²L}, exact. Neither is
 * invariant under rescaling ({@code ∇²L ↦ D⁻¹∇²L D⁻¹}: the determinant is divided by {@code (det D)²}, which
 * a node rescaling by c with different fan-in and fan-out makes ≠ 1). At a critical point of a network with a
 * hidden unit that has weights the determinant is 0 (the orbit's direction ξ has {@code ∇²L ξ = 0} there),
 * so det-sam-sharpness is trivially the same along such orbits; it separates equivalent networks only away
 * from critical points. The paper's scale-invariant variants are not implemented.
 */
public final class SamSharpness {
    private SamSharpness() {
    }

    abstract static class Base implements FlatnessMeasure {
        private final Metadata metadata;

        Base(String id, String formula) {
            metadata = Metadata.of(id, "Tahmasebi et al. 2024 (ICML, arXiv 2406.03682), universal sharpness class", formula,
                    Cost.HESSIAN);
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
    }

    /** {@code ‖∇²L‖_F²}, the Frob-SAM measure. */
    public static final class Frobenius extends Base {
        public Frobenius() {
            super("frob-sam-sharpness", "‖∇²L‖_F² (Frob-SAM)");
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Local.kink(net, data).orElseGet(() -> Value.exact(Local.hessian(net, data).frobeniusSquared()));
        }
    }

    /** {@code det ∇²L}, the Det-SAM measure. */
    public static final class Determinant extends Base {
        public Determinant() {
            super("det-sam-sharpness", "det ∇²L (Det-SAM)");
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Local.kink(net, data).orElseGet(() -> Value.exact(Bareiss.determinant(Local.hessian(net, data))));
        }
    }
}
