package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The empirical Fisher–Rao norm [L19]: {@code ‖θ‖²_fr = (1/n) Σᵢ ⟨θ, ∇_θ ℓ(f_θ(xᵢ), yᵢ)⟩²}, here with
 * {@code ℓ = ‖f − y‖²}. Under {@code θ ↦ Dθ} the gradient becomes {@code D⁻¹∇ℓ}, so {@code ⟨θ, ∇ℓ⟩} is
 * unchanged; a permutation reorders both vectors alike: invariant under all three.
 */
public final class FisherRao implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("fisher-rao", "Liang, Poggio, Rakhlin, Stokes 2019",
            "(1/n) Σᵢ ⟨θ, ∇_θ ‖f_θ(xᵢ) − yᵢ‖²⟩²", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        return Local.kink(net, data).orElseGet(() -> {
            BigFraction s = BigFraction.ZERO;
            for (BigFraction d : Local.model(net, data).pointLossDerivatives(net.parameters())) {
                s = s.add(d.multiply(d));
            }
            return Value.exact(s.divide(data.size()));
        });
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
