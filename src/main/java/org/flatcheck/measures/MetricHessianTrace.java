package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The Hessian trace measured in the Gauss–Newton metric, after Kristiadi, Dangel, Hennig 2023 (arXiv
 * 2302.07384; the metric carried along with the Hessian): {@code tr(G⁺ ∇²L)} with {@code G = (2/n) JᵀJ}
 * ({@link GaussNewtonMetric}). The paper's treatment of a singular metric is not part of what flatcheck
 * implements; G is singular at every θ with a hidden unit that has weights (the rescaling orbit's direction is
 * in J's kernel), and flatcheck uses the Moore–Penrose inverse. Under {@code θ ↦ Dθ},
 * {@code G ↦ D⁻¹GD⁻¹} and {@code H ↦ D⁻¹HD⁻¹}, but {@code (D⁻¹GD⁻¹)⁺ ≠ DG⁺D} unless D is orthogonal on G's
 * range, so the trace is not invariant under rescaling in general; permutations are orthogonal and keep it.
 * At a zero-residual point {@code H = G} and the value is {@code rank J}, the same on the whole orbit; at every
 * critical point of the regular set {@code range H ⊆ range G}, and any generalised inverse of G, such as
 * {@code D⁻¹(D⁻¹GD⁻¹)⁺D⁻¹}, gives the same trace, so it is invariant there too ({@link HorizontalHessianTrace}).
 */
public final class MetricHessianTrace implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("metric-hessian-trace",
            "Kristiadi, Dangel, Hennig 2023 (arXiv 2302.07384), Hessian with the metric carried along; "
                    + "Gauss–Newton metric, Moore–Penrose inverse",
            "tr(G⁺ ∇²L), G = (2/n) JᵀJ the Gauss–Newton metric", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
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
        return Local.kink(net, data).orElseGet(() -> Value.exact(
                GaussNewtonMetric.of(net, data).traceOfPseudoInverseTimes(Local.hessian(net, data))));
    }
}
