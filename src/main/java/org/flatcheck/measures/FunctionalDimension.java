package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.network.Network;

/**
 * Functional dimension (Grigsby, Lindsey, Meyerhoff, Wu 2023, arXiv 2306.06179): the rank of the
 * Jacobian of all outputs on all data points with respect to θ. A rescaling multiplies the Jacobian
 * on the right by the invertible {@code D⁻¹}, a permutation by a permutation matrix: rank unchanged.
 */
public final class FunctionalDimension implements FlatnessMeasure {
    @Override
    public Cost cost() {
        return Cost.HESSIAN;
    }

    @Override
    public String id() {
        return "functional-dimension";
    }

    @Override
    public String citation() {
        return "Grigsby et al. 2023";
    }

    @Override
    public String formula() {
        return "rank [∂fₖ(xᵢ)/∂θ]_{(i,k), θ}";
    }

    @Override
    public Value compute(Network net, Dataset data) {
        return Local.kink(net, data).orElseGet(() ->
                Value.exact(new BigFraction(Bareiss.rank(Local.model(net, data).outputJacobian()))));
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return Verdict.INVARIANT;
    }
}
