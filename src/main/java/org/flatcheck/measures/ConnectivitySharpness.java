package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Connectivity sharpness (Kim, Park, Kim, Yang 2023, ICLR, arXiv 2209.15208), as the authors' code computes it
 * ({@code eval_ctk_trace}, whose Hutchinson estimator has this expectation): the trace of the connectivity
 * tangent kernel over the n data points, divided by n,
 * <pre>  CS = (1/n) ‖J diag(θ)‖_F² = (1/n) Σᵢ Σₖ Σ_p (θ_p ∂fₖ(xᵢ)/∂θ_p)²,</pre>
 * J the Jacobian of the outputs, every parameter (biases included). {@code θ_p ∂f/∂θ_p} is the derivative with
 * respect to the connectivity {@code c_p} of {@code θ = c ⊙ θ₀} at c = 1. Under {@code θ ↦ Dθ} each term
 * {@code (Dθ)_p (D⁻¹∇f)_p} is unchanged, at every point; permutations reorder the terms.
 */
public final class ConnectivitySharpness implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("connectivity-sharpness",
            "Kim et al. 2023 (ICLR, arXiv 2209.15208), trace of the connectivity tangent kernel, as the authors' code computes it",
            "(1/n) ‖J diag(θ)‖_F² = (1/n) Σᵢₖₚ (θ_p ∂fₖ(xᵢ)/∂θ_p)²", Cost.HESSIAN);

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
            QMatrix j = Local.jacobian(net, data);
            BigFraction[] theta = net.parameters();
            BigFraction s = BigFraction.ZERO;
            for (int r = 0; r < j.rows(); r++) {
                for (int p = 0; p < theta.length; p++) {
                    BigFraction x = theta[p].multiply(j.get(r, p));
                    s = s.add(x.multiply(x));
                }
            }
            return Value.exact(s.divide(data.size()));
        });
    }
}
