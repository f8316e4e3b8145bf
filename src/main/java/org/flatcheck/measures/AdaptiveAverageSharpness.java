package org.flatcheck.measures;

import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.CanonicalForm;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC (Monte Carlo). Average-case elementwise adaptive sharpness (Andriushchenko, Croce, Müller, Hein,
 * Flammarion 2023, arXiv 2302.07011, average-case adaptive sharpness with c = |θ|; the whole dataset as
 * one batch):
 * <pre>  S_avg = E_{δ ~ N(0, ρ² diag(θ²))} L(θ + δ) − L(θ) = E_{z ~ N(0, ρ² I)} L(θ + |θ| ∘ z) − L(θ).</pre>
 * An expectation over a piecewise polynomial, so estimated: {@value #PAIRS} antithetic pairs {@code ±z}
 * (which cancel the first-order term exactly on a linear region) drawn by {@link Random#nextGaussian} from
 * seed {@value #SEED} — an algorithm the Java specification fixes, so the estimate is the same on every
 * machine. Each draw is rounded to a multiple of 2⁻¹⁶ (a rational), and every loss is evaluated exactly, so the
 * estimate is an exact rational; the 95 % confidence interval (normal approximation over the pair means) is
 * stated in the value's precision, computed in floating point.
 *
 * <p>The draws are assigned to the parameters of the network's canonical form (under node rescaling, and
 * permutation for layered networks), at which the true value is the same: equivalent networks get the same
 * estimate, not only estimates of the same number, so the property suite checks invariance exactly.
 */
public final class AdaptiveAverageSharpness implements FlatnessMeasure {
    static final int PAIRS = 128;
    static final long SEED = 1;

    private static final Metadata METADATA = Metadata.of("adaptive-average-sharpness",
            "Andriushchenko et al. 2023 (arXiv 2302.07011), average-case adaptive sharpness, c = |θ|",
            "E_{δ~N(0, ρ² diag(θ²))} L(θ+δ) − L(θ), ρ = 1/100 (option rho); Monte Carlo, " + PAIRS
                    + " antithetic pairs, seed " + SEED, Cost.HESSIAN);

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
        Network canonical = canonical(net);
        BigFraction rho = options.rho();
        BigFraction[] theta = canonical.parameters();
        BigFraction loss = WorstCaseSharpness.lossAt(canonical, data, theta);
        Random random = new Random(SEED);
        BigFraction sum = BigFraction.ZERO;
        double[] pairMeans = new double[PAIRS];
        BigFraction[] plus = new BigFraction[theta.length];
        BigFraction[] minus = new BigFraction[theta.length];
        for (int i = 0; i < PAIRS; i++) {
            for (int k = 0; k < theta.length; k++) {
                BigFraction step = theta[k].abs().multiply(rho).multiply(draw(random));
                plus[k] = theta[k].add(step);
                minus[k] = theta[k].subtract(step);
            }
            BigFraction pair = WorstCaseSharpness.lossAt(canonical, data, plus)
                    .add(WorstCaseSharpness.lossAt(canonical, data, minus)).divide(2).subtract(loss);
            sum = sum.add(pair);
            pairMeans[i] = pair.doubleValue();
        }
        BigFraction mean = sum.divide(PAIRS);
        return new Value.Numeric(mean, "Monte Carlo estimate of the expectation: " + PAIRS + " antithetic pairs ±z, "
                + "z ~ N(0, ρ²I) by java.util.Random(" + SEED + ").nextGaussian rounded to multiples of 2^-16, on the canonical form; exact given the "
                + "draws; 95 % confidence interval ± " + String.format(java.util.Locale.ROOT, "%.3g", halfWidth(pairMeans)));
    }

    /** A standard Gaussian draw rounded to a multiple of {@code 2^-16} (short numbers keep the exact losses cheap). */
    static BigFraction draw(Random random) {
        return Q.of(Math.round(Math.scalb(random.nextGaussian(), 16)), 1L << 16);
    }

    /** {@code 1.96 s/√n} over the pair means (numeric). */
    static double halfWidth(double[] xs) {
        double m = 0;
        for (double x : xs) {
            m += x;
        }
        m /= xs.length;
        double v = 0;
        for (double x : xs) {
            v += (x - m) * (x - m);
        }
        return 1.96 * Math.sqrt(v / (xs.length - 1) / xs.length);
    }

    /** The representative the draws are assigned to: canonical under rescaling (and permutation when layered). */
    private static Network canonical(Network net) {
        if (net.isLayered()) {
            try {
                return CanonicalForm.underRescalingAndPermutation(net).canonical();
            } catch (CanonicalForm.TooManyTwins e) {
                // too many interchangeable units to order: fall back to the rescaling form (still invariant under
                // rescalings; under permutations the estimate may then differ within its confidence interval)
            }
        }
        return CanonicalForm.underRescaling(net).canonical();
    }
}
