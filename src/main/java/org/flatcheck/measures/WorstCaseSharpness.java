package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.IntervalLoss;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Worst-case sharpness over a box {@code |yₖ| ≤ rₖ}: {@code max_y L(θ + y) − L(θ)}, certified. The lower
 * end is the exact loss increase at a witness point (the box corner along the gradient's signs, then
 * coordinate-wise corner flips while they increase the loss, then for layered networks the corner
 * that zeroes the last layer if the box reaches it — [D17]'s construction); the upper end is interval
 * bound propagation of the loss over the box ({@link IntervalLoss}). Both are exact rationals.
 */
public abstract class WorstCaseSharpness implements FlatnessMeasure {
    /** Half-widths {@code rₖ} of the box. */
    abstract BigFraction[] radius(Network net, Options options);

    /** Maps the raw increase {@code [lo, hi]} of the loss to the measure's scale. */
    abstract Interval scale(Interval increase, BigFraction loss);

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        BigFraction[] theta = net.parameters();
        BigFraction[] r = radius(net, options);
        BigFraction loss = lossAt(net, data, theta);
        BigFraction[] witness = witness(net, data, theta, r, loss);
        BigFraction lower = lossAt(net, data, witness).subtract(loss);
        BigFraction[] lo = new BigFraction[theta.length];
        BigFraction[] hi = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            lo[k] = theta[k].subtract(r[k]);
            hi[k] = theta[k].add(r[k]);
        }
        BigFraction upper = IntervalLoss.upperBound(net, data, lo, hi).subtract(loss);
        return new Value.Certified(scale(Interval.of(lower, upper.compareTo(lower) < 0 ? lower : upper), loss), null,
                "lower end: exact value at the witness θ + y (parameters listed in witness); upper end: interval bound "
                        + "propagation over the box", java.util.Arrays.asList(witness));
    }

    static BigFraction lossAt(Network net, Dataset data, BigFraction[] theta) {
        Network moved = net.withParameters(theta);
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            BigFraction[] f = Forward.run(moved, data.input(i)).outputs();
            BigFraction[] y = data.target(i);
            for (int k = 0; k < f.length; k++) {
                BigFraction d = f[k].subtract(y[k]);
                s = s.add(d.multiply(d));
            }
        }
        return s.divide(data.size());
    }

    /** The best corner found: gradient signs, greedy flips, and [D17]'s zeroed last layer. */
    private static BigFraction[] witness(Network net, Dataset data, BigFraction[] theta, BigFraction[] r, BigFraction loss) {
        BigFraction[] best = theta.clone();
        BigFraction bestLoss = loss;
        BigFraction[] g = null;
        try {
            g = Local.model(net, data).gradient().toArray();
        } catch (org.flatcheck.calculus.KinkException e) {
            // at a kink the gradient does not exist: start from the all-plus corner
        }
        BigFraction[] corner = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            int sign = g == null ? 1 : g[k].getNumerator().signum() >= 0 ? 1 : -1;
            corner[k] = sign > 0 ? theta[k].add(r[k]) : theta[k].subtract(r[k]);
        }
        BigFraction cornerLoss = lossAt(net, data, corner);
        for (int k = 0; k < theta.length && theta.length <= 64; k++) {
            BigFraction keep = corner[k];
            corner[k] = keep.compareTo(theta[k]) > 0 ? theta[k].subtract(r[k]) : theta[k].add(r[k]);
            BigFraction flipped = lossAt(net, data, corner);
            if (flipped.compareTo(cornerLoss) > 0) {
                cornerLoss = flipped;
            } else {
                corner[k] = keep;
            }
        }
        if (cornerLoss.compareTo(bestLoss) > 0) {
            best = corner;
            bestLoss = cornerLoss;
        }
        BigFraction[] zeroed = zeroLastLayer(net, theta, r);
        if (zeroed != null && lossAt(net, data, zeroed).compareTo(bestLoss) > 0) {
            best = zeroed;
        }
        return best;
    }

    /** θ with every parameter into an output set to 0, if the box reaches 0 for each of them. */
    private static BigFraction[] zeroLastLayer(Network net, BigFraction[] theta, BigFraction[] r) {
        BigFraction[] z = theta.clone();
        for (int k = 0; k < theta.length; k++) {
            if (net.node(net.edge(k).to()).kind() == org.flatcheck.network.Node.Kind.OUTPUT) {
                if (theta[k].abs().compareTo(r[k]) > 0) {
                    return null;
                }
                z[k] = BigFraction.ZERO;
            }
        }
        return z;
    }

    /** Keskar et al.'s ε-sharpness, full space (A = I). */
    public static final class Keskar extends WorstCaseSharpness {
        private static final Metadata METADATA = Metadata.of("keskar-sharpness",
                "Keskar et al. 2017 (ICLR), sharpness metric with A = I",
                "100 · max_{|yᵢ| ≤ ε(|θᵢ|+1)} (L(θ+y) − L(θ)) / (1 + L(θ)), ε = 1e-3 (option epsilon)", Cost.HESSIAN);

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
        BigFraction[] radius(Network net, Options options) {
            BigFraction eps = options.epsilon();
            BigFraction[] theta = net.parameters();
            BigFraction[] r = new BigFraction[theta.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = eps.multiply(theta[k].abs().add(1));
            }
            return r;
        }

        @Override
        Interval scale(Interval increase, BigFraction loss) {
            BigFraction f = Q.of(100).divide(loss.add(1));
            return Interval.of(increase.lo().multiply(f), increase.hi().multiply(f));
        }
    }

    /** Elementwise adaptive worst-case sharpness, {@code |yᵢ| ≤ ρ|θᵢ|}, all parameters, η = 0. */
    public static final class Adaptive extends WorstCaseSharpness {
        private static final Metadata METADATA = Metadata.of("adaptive-sharpness",
                "Kwon et al. 2021 (ASAM); Andriushchenko et al. 2023, elementwise |θ|, η = 0",
                "max_{|yᵢ| ≤ ρ|θᵢ|} L(θ+y) − L(θ), ρ = 1/100 (option rho)", Cost.HESSIAN);

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
        BigFraction[] radius(Network net, Options options) {
            BigFraction rho = options.rho();
            BigFraction[] theta = net.parameters();
            BigFraction[] r = new BigFraction[theta.length];
            for (int k = 0; k < r.length; k++) {
                r[k] = rho.multiply(theta[k].abs());
            }
            return r;
        }

        @Override
        Interval scale(Interval increase, BigFraction loss) {
            return increase;
        }
    }
}
