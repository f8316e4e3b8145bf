package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.symmetry.Symmetry;

/**
 * Worst-case elementwise adaptive sharpness over an ℓ₂ ball (Andriushchenko, Croce, Müller, Hein, Flammarion
 * 2023, arXiv 2302.07011, worst-case adaptive sharpness with p = 2 and scaling vector c = |θ|, no η term; the
 * whole dataset as one batch):
 * <pre>  S₂ = max_{‖δ / |θ|‖₂ ≤ ρ} L(θ + δ) − L(θ),</pre>
 * over every parameter, biases included; a parameter that is 0 cannot move. In the coordinates
 * {@code z = δ/|θ|} the ball is the same for every point of a rescaling orbit ({@code δ ↦ Dδ, |θ| ↦ D|θ|}),
 * and {@code L(Dθ + Dδ) = L(θ + δ)}, so the value is invariant under every rescaling, at every point, and
 * under permutations, which permute the ball. Certified as {@link BallSharpness} describes, with the chart
 * {@code θ(z) = θ + |θ| ∘ z}. Away from critical points {@code S₂ ≈ ρ‖θ ∘ ∇L‖₂} is first order in ρ.
 */
public final class AdaptiveL2Sharpness extends BallSharpness {
    private static final Metadata METADATA = Metadata.of("adaptive-l2-sharpness",
            "Andriushchenko et al. 2023 (arXiv 2302.07011), worst-case adaptive sharpness, p = 2, c = |θ|",
            "max_{‖δ/|θ|‖₂ ≤ ρ} L(θ+δ) − L(θ), ρ = 1/100 (option rho)", Cost.HESSIAN);

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
    BigFraction[] point(BigFraction[] theta, BigFraction[] c, BigFraction[] z, BigFraction rho) {
        return shifted(theta, c, z);
    }

    @Override
    BoxMap boxes(BigFraction[] theta) {
        BigFraction[] c = velocity(theta);
        return (zlo, zhi) -> new BigFraction[][] {shifted(theta, c, zlo), shifted(theta, c, zhi)};
    }

    @Override
    BigFraction[] velocity(BigFraction[] theta) {
        BigFraction[] c = new BigFraction[theta.length];
        for (int k = 0; k < c.length; k++) {
            c[k] = theta[k].abs();
        }
        return c;
    }

    @Override
    boolean curved() {
        return false;
    }

    @Override
    String chart() {
        return "θ + |θ| ∘ z";
    }
}
