package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.Recomputation.one;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the quantities of boxes of parameters (docs/certificates.md §4):
 * {@code loss_upper_bound_on_box} and {@code keskar_upper_bound}, by {@link IndependentEvaluator}'s interval
 * propagation, and {@code box_volume}.
 */
final class BoxQuantities {
    private BoxQuantities() {
    }

    /** An upper bound of L over the box lo ≤ θ ≤ hi (lo ≤ hi entrywise, else malformed). */
    static BigFraction[] lossUpperBoundOnBox(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        BigFraction[] lo = c.vector(q, path, "lo");
        BigFraction[] hi = c.vector(q, path, "hi");
        c.expectLength(path + ".lo", lo.length, n.numParameters());
        c.expectLength(path + ".hi", hi.length, n.numParameters());
        for (int k = 0; k < lo.length; k++) {
            if (lo[k].compareTo(hi[k]) > 0) {
                throw c.input().error(path + ".lo[" + k + "]", "is above hi[" + k + "]", "give lo ≤ hi");
            }
        }
        return one(IndependentEvaluator.lossUpperBoundOnBox(n, c.data(q, path, n), lo, hi));
    }

    /** 100·(U − L(θ))/(1 + L(θ)), U the interval bound of L over Keskar's box |θ′ₖ − θₖ| ≤ ε(|θₖ| + 1). */
    static BigFraction[] keskarUpperBound(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        Dataset d = c.data(q, path, n);
        BigFraction eps = c.input().rational(c.input().required(q, path, "epsilon", CertificateReader.FIX), path + ".epsilon");
        BigFraction[] theta = n.parameters();
        BigFraction[] lo = new BigFraction[theta.length];
        BigFraction[] hi = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            BigFraction radius = eps.multiply(theta[k].abs().add(BigFraction.ONE));
            lo[k] = theta[k].subtract(radius);
            hi[k] = theta[k].add(radius);
        }
        BigFraction l = IndependentEvaluator.loss(n, d);
        return one(IndependentEvaluator.lossUpperBoundOnBox(n, d, lo, hi).subtract(l).multiply(100).divide(l.add(BigFraction.ONE)));
    }

    /** Πₖ (hiₖ − loₖ). */
    static BigFraction[] boxVolume(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        BigFraction[] lo = c.vector(q, path, "lo");
        BigFraction[] hi = c.vector(q, path, "hi");
        c.expectLength(path + ".hi", hi.length, lo.length);
        BigFraction v = BigFraction.ONE;
        for (int k = 0; k < lo.length; k++) {
            v = v.multiply(hi[k].subtract(lo[k]));
        }
        return one(v);
    }
}
