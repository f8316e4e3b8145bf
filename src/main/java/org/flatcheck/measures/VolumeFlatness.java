package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Volume ε-flatness [D17 Def. 1]: the volume of the connected component of {@code {θ' : L(θ') < L(θ) + ε}}
 * containing θ. For every ReLU network with a hidden node it is infinite [D17 Thm 2]: the rescaling
 * orbit of θ, on which L is constant, is unbounded and carries a neighbourhood of θ along with it
 * (proofs/volume-flatness.md). The value is therefore +∞ at every point, hence (trivially) the same on
 * equivalent networks.
 */
public final class VolumeFlatness implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("volume-flatness", "Dinh et al. 2017, Def. 1 and Thm 2",
            "vol(component of {θ' : L(θ') < L(θ) + ε} ∋ θ)", Cost.CHEAP).withoutData();

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        return net.numHidden() > 0 ? new Value.Unbounded("Dinh et al. 2017, Thm 2; proofs/volume-flatness.md")
                : new Value.Undefined("no hidden node: a linear model's sublevel sets are not unbounded by symmetry, "
                        + "and their volume is not computed");
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
