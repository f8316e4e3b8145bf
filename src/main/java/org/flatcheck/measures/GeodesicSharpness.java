package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.ExpLog;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.symmetry.Symmetry;

/**
 * Geodesic sharpness for the rescaling symmetry (da Silva, Dangel, Oore 2025, arXiv 2505.05409, Eq. (4) with
 * the metric {@code ⟨η, ν⟩ = Σₖ ηₖνₖ/θₖ²} of their Eq. (6), whose geodesics have the closed form
 * {@code γ(t) = θ ⊙ e^{t ξ/θ}}; the whole dataset as one batch):
 * <pre>  S_geo = max_{‖ξ‖_θ ≤ ρ} L(γ_ξ(1)) − L(θ) = max_{‖z‖₂ ≤ ρ} L(θ ⊙ e^z) − L(θ),   z = ξ/θ.</pre>
 * Dropping the curvature of the geodesic ({@code γ(1) ≈ θ + ξ}) gives {@code adaptive-l2-sharpness}, as the
 * paper remarks. Parameters that are 0 lie outside the metric's domain and do not move. A positive diagonal
 * scaling D maps the geodesic ball at θ onto the one at Dθ ({@code Dθ ⊙ e^z = D(θ ⊙ e^z)}, same z), and the
 * loss is unchanged along the orbit, so the value is invariant under node and layer rescaling at every point;
 * permutations permute the ball.
 *
 * <p>Certified as {@link BallSharpness} describes. The exponential is transcendental, so a witness is
 * {@code θ ⊙ u} with rational {@code u} near {@code e^{sz}} ({@code s ≤ 1}) for which
 * {@code Σ (ln uₖ)² ≤ ρ²} is proved with enclosures of the logarithms ({@link ExpLog}); a z-box maps to the
 * parameter box with outward rational enclosures of {@code e^{lo}} and {@code e^{hi}}.
 */
public final class GeodesicSharpness extends BallSharpness {
    private static final int BITS = 32;
    private static final Metadata METADATA = Metadata.of("geodesic-sharpness",
            "da Silva, Dangel, Oore 2025 (arXiv 2505.05409), Eq. (4) with the rescaling metric of Eq. (6)",
            "max_{‖z‖₂ ≤ ρ} L(θ ⊙ e^z) − L(θ) (geodesic ball of Σ dθₖ²/θₖ²), ρ = 1/100 (option rho)", Cost.HESSIAN);

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
        BigFraction rho2 = rho.multiply(rho);
        for (BigFraction shrink : new BigFraction[] {Q.of(1).subtract(Q.of(1, 1 << 24)), Q.of(1023, 1024), Q.of(1, 2)}) {
            BigFraction[] x = new BigFraction[theta.length];
            BigFraction sum = BigFraction.ZERO;
            for (int k = 0; k < theta.length; k++) {
                if (Q.isZero(theta[k]) || Q.isZero(z[k])) {
                    x[k] = theta[k];
                    continue;
                }
                BigFraction u = ExpLog.exp(z[k].multiply(shrink), BITS).lo();
                Interval ln = ExpLog.ln(u, BITS + 16);
                BigFraction m = Q.max(ln.lo().abs(), ln.hi().abs());
                sum = sum.add(m.multiply(m));
                x[k] = theta[k].multiply(u);
            }
            if (sum.compareTo(rho2) <= 0) {
                return x;
            }
        }
        return null;
    }

    /**
     * Outward enclosures of {@code θₖ e^{[lo, hi]}}; the exponentials are cached for the computation, since a
     * child box differs from its parent in one side only.
     */
    @Override
    BoxMap boxes(BigFraction[] theta) {
        java.util.Map<BigFraction, BigFraction> lower = new java.util.HashMap<>();
        java.util.Map<BigFraction, BigFraction> upper = new java.util.HashMap<>();
        return (zlo, zhi) -> {
            BigFraction[] lo = new BigFraction[theta.length];
            BigFraction[] hi = new BigFraction[theta.length];
            for (int k = 0; k < theta.length; k++) {
                if (Q.isZero(theta[k])) {
                    lo[k] = BigFraction.ZERO;
                    hi[k] = BigFraction.ZERO;
                    continue;
                }
                BigFraction a = lower.computeIfAbsent(zlo[k], x -> Q.dyadic(ExpLog.exp(x, BITS).lo(), BITS, false));
                BigFraction b = upper.computeIfAbsent(zhi[k], x -> Q.dyadic(ExpLog.exp(x, BITS).hi(), BITS, true));
                boolean positive = Q.signum(theta[k]) > 0;
                lo[k] = theta[k].multiply(positive ? a : b);
                hi[k] = theta[k].multiply(positive ? b : a);
            }
            return new BigFraction[][] {lo, hi};
        };
    }

    @Override
    BigFraction[] velocity(BigFraction[] theta) {
        return theta.clone();
    }

    @Override
    boolean curved() {
        return true;
    }

    @Override
    String chart() {
        return "θ ⊙ u, u rational with Σ (ln uₖ)² ≤ ρ² (a point of the geodesic ball)";
    }
}
