package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC. The magnitude-aware PAC-Bayes flatness of [J20] ({@code pacbayes.mag.flatness}): {@code 1/σ'²}
 * with σ' the largest σ such that {@code E_u L(θ+u) − L(θ) ≤ 0.1} for {@code uᵢ ~ N(0, σ²θᵢ² + ε²)},
 * ε = 10⁻³. flatcheck evaluates the expectation by its second-order Taylor expansion,
 * {@code E_u L(θ+u) − L(θ) ≈ ½ Σᵢ Var(uᵢ) Hᵢᵢ = ½ (σ² Σᵢ θᵢ² Hᵢᵢ + ε² tr H)}, which gives
 * {@code 1/σ'² = Σᵢ θᵢ² Hᵢᵢ / (0.2 − ε² tr H)} in closed form — computed exactly, but an approximation of
 * [J20]'s sampled quantity (which also uses accuracy rather than loss), hence labelled numeric. The ε
 * term breaks rescaling invariance (tr H is not invariant); permutations keep it.
 */
public final class PacBayesFlatness implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("pac-bayes-flatness", "Jiang et al. 2020 (Fantastic Generalization Measures), pacbayes.mag.flatness",
            "1/σ'², σ' = max σ with ½(σ² Σ θᵢ²Hᵢᵢ + ε² tr H) ≤ 0.1, ε = 1e-3 (second-order surrogate)", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    static final BigFraction EPSILON = Q.of(1, 1000);
    static final BigFraction THRESHOLD = Q.of(1, 10);

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
        return Local.kink(net, data).orElseGet(() -> {
            QMatrix h = Local.hessian(net, data);
            BigFraction[] theta = net.parameters();
            BigFraction weighted = BigFraction.ZERO;
            for (int k = 0; k < theta.length; k++) {
                weighted = weighted.add(theta[k].multiply(theta[k]).multiply(h.get(k, k)));
            }
            BigFraction room = THRESHOLD.multiply(2).subtract(EPSILON.multiply(EPSILON).multiply(h.trace()));
            if (room.getNumerator().signum() <= 0) {
                return new Value.Undefined("even σ = 0 exceeds the threshold 0.1 in the second-order surrogate (ε² tr H ≥ 0.2)");
            }
            if (weighted.getNumerator().signum() <= 0) {
                return new Value.Undefined("Σ θᵢ² Hᵢᵢ ≤ 0: the surrogate never reaches the threshold, σ' is unbounded");
            }
            return new Value.Numeric(weighted.divide(room),
                    "exact value of the second-order Taylor surrogate of E_u L(θ+u); not the sampled [J20] quantity");
        });
    }
}
