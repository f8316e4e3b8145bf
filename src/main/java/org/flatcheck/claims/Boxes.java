package org.flatcheck.claims;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.IntervalLoss;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.network.Network;

/**
 * Upper bounds of the loss over boxes of parameters, by {@link IntervalLoss} (interval bound
 * propagation), as the provers record them; the certificate checker recomputes them with its own copy
 * of the same arithmetic, so the bound is exactly reproducible and no code is shared.
 */
final class Boxes {
    private Boxes() {
    }

    /** {@code max L} over {@code lo ≤ θ ≤ hi} is at most this. */
    static BigFraction lossUpperBound(Network net, Dataset data, BigFraction[] lo, BigFraction[] hi) {
        return IntervalLoss.upperBound(net, data, lo, hi);
    }

    /**
     * Keskar's ε-sharpness of θ [K17 Metric 2.1, A = I] is at most
     * {@code 100 (U − L(θ)) / (1 + L(θ))}, with U the loss bound over the box
     * {@code |Δₖ| ≤ ε (|θₖ| + 1)}.
     */
    static BigFraction keskarUpperBound(Network net, Dataset data, BigFraction eps) {
        BigFraction[] theta = net.parameters();
        BigFraction[] lo = new BigFraction[theta.length];
        BigFraction[] hi = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            BigFraction r = eps.multiply(theta[k].abs().add(BigFraction.ONE));
            lo[k] = theta[k].subtract(r);
            hi[k] = theta[k].add(r);
        }
        BigFraction l = LocalModel.of(net, data).loss();
        return lossUpperBound(net, data, lo, hi).subtract(l).multiply(100).divide(l.add(BigFraction.ONE));
    }
}
