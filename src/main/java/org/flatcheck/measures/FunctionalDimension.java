package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Functional dimension (Grigsby, Lindsey, Meyerhoff, Wu 2023, arXiv 2306.06179): the rank of the
 * Jacobian of all outputs on all data points with respect to θ. A rescaling multiplies the Jacobian
 * on the right by the invertible {@code D⁻¹}, a permutation by a permutation matrix: rank unchanged.
 */
public final class FunctionalDimension implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("functional-dimension", "Grigsby et al. 2023",
            "rank [∂fₖ(xᵢ)/∂θ]_{(i,k), θ}", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        return Local.kink(net, data).orElseGet(() ->
                Value.exact(Q.of(Local.jacobianRowBasis(net, data).length)));
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
