package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Information-geometric sharpness (Jang, Lee, Park, Noh 2022, NeurIPS, "A reparametrization-invariant
 * sharpness measure based on information geometry"), in the form the authors' code computes it,
 * {@code tr(F⁺C)}: the model's Fisher information F against the second moment C of the per-example loss
 * gradients at the true targets. For the squared loss (Gaussian likelihood whose negative log is the loss)
 * {@code F = (2/n) JᵀJ} ({@link GaussNewtonMetric}) and {@code C = (1/n) Σᵢ ∇ℓᵢ∇ℓᵢᵀ},
 * {@code ℓᵢ = ‖f(xᵢ) − yᵢ‖²}.
 *
 * <p>Invariant under every rescaling and permutation, at every point: {@code ∇ℓᵢ = 2Jᵢᵀrᵢ} lies in the range of
 * F, so {@code ∇ℓᵢᵀF⁺∇ℓᵢ = uᵀFu} for any u with {@code Fu = ∇ℓᵢ}; under {@code θ ↦ Dθ},
 * {@code F ↦ D⁻¹FD⁻¹}, {@code ∇ℓᵢ ↦ D⁻¹∇ℓᵢ}, {@code u ↦ Du}, and {@code uᵀFu} is unchanged.
 */
public final class FisherSharpness implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("fisher-sharpness",
            "Jang et al. 2022 (NeurIPS), information-geometric sharpness tr(F⁺C) as the authors' code computes it; "
                    + "squared-loss (Gaussian) form",
            "tr(F⁺ C), F = (2/n) JᵀJ, C = (1/n) Σᵢ ∇ℓᵢ ∇ℓᵢᵀ", Cost.HESSIAN);

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
            int p = net.numParameters();
            QMatrix j = Local.jacobian(net, data);
            BigFraction[][] grads = new BigFraction[data.size()][];
            for (int i = 0; i < data.size(); i++) {
                grads[i] = pointGradient(net, data, j, i, p);
            }
            return Value.exact(GaussNewtonMetric.of(net, data).traceOfPseudoInverseTimesSecondMoment(QMatrix.of(grads)));
        });
    }

    /** {@code ∇ℓᵢ = 2 Σₖ rᵢₖ ∇fₖ(xᵢ)}. */
    private static BigFraction[] pointGradient(Network net, Dataset data, QMatrix j, int i, int p) {
        BigFraction[] f = Local.model(net, data).outputs()[i];
        BigFraction[] y = data.target(i);
        BigFraction[] g = new BigFraction[p];
        java.util.Arrays.fill(g, BigFraction.ZERO);
        for (int k = 0; k < f.length; k++) {
            BigFraction r2 = f[k].subtract(y[k]).multiply(2);
            for (int a = 0; a < p; a++) {
                g[a] = g[a].add(r2.multiply(j.get(i * f.length + k, a)));
            }
        }
        return g;
    }
}
