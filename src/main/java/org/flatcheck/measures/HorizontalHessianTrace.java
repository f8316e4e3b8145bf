package org.flatcheck.measures;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The trace of the symmetry-reduced Hessian (Dong and Cheng 2026, arXiv 2603.21502): the Hessian on the quotient
 * of the regular parameters by the rescaling symmetry, measured in the metric that the finite-sample realization
 * map {@code θ ↦ (f(xᵢ))ᵢ} induces, {@code G = (1/n) JᵀJ} (the empirical L² inner product of predictions pulled
 * back). On the regular set the orbit's tangent space (the vertical space) is exactly {@code ker J}, the
 * horizontal space is {@code range G}, and G is a metric there. flatcheck implements the measure where it does
 * not depend on the quotient's connection: at critical points ({@code ∇L = 0}), where the Riemannian Hessian of
 * L on the quotient is the Euclidean Hessian restricted to horizontal vectors, so its trace in the metric G is
 * <pre>  tr(G⁺ ∇²L)   at θ with ∇L(θ) = 0 and rank J = P − d (d the orbit's dimension).</pre>
 * Elsewhere it is undefined (away from critical points the connection term of the paper's metric is needed;
 * off the regular set the quotient is not a manifold there).
 *
 * <p>Invariant under rescaling and permutation: with {@code G' = D⁻¹GD⁻¹} and {@code H' = D⁻¹HD⁻¹},
 * {@code X = D⁻¹G'⁺D⁻¹} is a generalised inverse of G, and at a critical point of the regular set
 * {@code ∇²L ξ = 0} for every vertical ξ, so {@code range H ⊆ range G} and {@code tr(X H) = tr(G⁺H)} for every
 * generalised inverse X (proofs/measures.md). The Moore–Penrose trace {@code metric-hessian-trace}, taken at every
 * point, is not invariant; the Euclidean projector onto the horizontal space would not be either.
 */
public final class HorizontalHessianTrace implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("horizontal-hessian-trace",
            "Dong, Cheng 2026 (arXiv 2603.21502), symmetry-reduced Hessian in the realization-map metric, at critical points",
            "tr(G⁺ ∇²L), G = (1/n) JᵀJ, at critical points of the regular set (rank J = P − dim orbit)", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        return Local.kink(net, data).orElseGet(() -> {
            if (!Q.isZero(Local.model(net, data).gradient().normSquared())) {
                return new Value.Undefined("θ is not a critical point (∇L ≠ 0): there the symmetry-reduced Hessian "
                        + "carries the connection term of the quotient metric, which flatcheck does not implement");
            }
            int rank = Local.jacobianRowBasis(net, data).length;
            int regular = net.numParameters() - LocalIdentifiabilityRank.orbitDimension(net);
            if (rank != regular) {
                return new Value.Undefined("θ is not a regular point: rank J = " + rank + " < P − dim orbit = " + regular
                        + " (more directions than the orbit's leave the predictions unchanged)");
            }
            // G = (1/n)JᵀJ is half the Gauss–Newton metric (2/n)JᵀJ, so tr(G⁺H) is twice its trace
            return Value.exact(GaussNewtonMetric.of(net, data).traceOfPseudoInverseTimes(Local.hessian(net, data)).multiply(2));
        });
    }
}
