package org.flatcheck.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

/** The Hessian's work estimate grows with bit lengths as well as sizes, and never overflows. */
class HessianCostTest {
    private static Network net(int[] sizes, BigFraction w) {
        BigFraction[][][] weights = new BigFraction[sizes.length - 1][][];
        for (int l = 0; l + 1 < sizes.length; l++) {
            weights[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    weights[l][j][i] = w.add(new BigFraction(i + j, 7));
                }
            }
        }
        return Layered.of("n", sizes, weights, null);
    }

    private static Dataset data(int points, int in, BigFraction x) {
        BigFraction[][] xs = new BigFraction[points][in];
        BigFraction[][] ys = new BigFraction[points][1];
        for (int i = 0; i < points; i++) {
            for (int k = 0; k < in; k++) {
                xs[i][k] = x.add(new BigFraction(i + k, 5));
            }
            ys[i][0] = BigFraction.ONE;
        }
        return Dataset.of(xs, ys);
    }

    @Test
    void weightsOfThousandsOfBitsRaiseTheEstimateAsTheyRaiseTheWork() {
        int[] sizes = {2, 6, 2, 1};
        Dataset d = data(4, 2, BigFraction.ONE);
        long small = HessianCost.hessian(net(sizes, new BigFraction(1, 3)), d);
        BigFraction huge = new BigFraction(BigInteger.TWO.pow(9000).add(BigInteger.ONE), BigInteger.valueOf(3));
        long big = HessianCost.hessian(net(sizes, huge), d);
        assertTrue(HessianCost.bits(net(sizes, huge), d) > 9000 * 2, "bits are multiplied along the depth");
        // 9000-bit numbers are ~140 words: the schoolbook cost of one product is ~20 000 times that of a 1-word one
        assertTrue(big > 10_000 * small, small + " → " + big);
    }

    @Test
    void distinctDenominatorsCountThroughTheirLcm() {
        int[] sizes = {2, 3, 1};
        Dataset d = data(3, 2, BigFraction.ONE);
        Network same = net(sizes, new BigFraction(1, 11));
        BigFraction[] theta = same.parameters();
        int[] primes = {101, 103, 107, 109, 113, 127, 131, 137, 139};
        for (int k = 0; k < theta.length; k++) {
            theta[k] = new BigFraction(k + 1, primes[k]);
        }
        Network distinct = same.withParameters(theta);
        assertTrue(HessianCost.bits(distinct, d) > HessianCost.bits(same, d) + 40,
                HessianCost.bits(same, d) + " vs " + HessianCost.bits(distinct, d));
    }

    @Test
    void theEstimateGrowsWithPointsAndParametersAndSaturates() {
        int[] sizes = {2, 4, 1};
        Network n = net(sizes, new BigFraction(1, 2));
        assertEquals(10 * HessianCost.hessian(n, data(10, 2, BigFraction.ONE)), HessianCost.hessian(n, data(100, 2, BigFraction.ONE)),
                "linear in the number of points");
        assertTrue(HessianCost.hessian(net(new int[] {2, 100, 1}, new BigFraction(1, 2)), data(10, 2, BigFraction.ONE))
                > 50 * HessianCost.hessian(n, data(10, 2, BigFraction.ONE)), "quadratic in the parameters");
        assertEquals(Long.MAX_VALUE, org.flatcheck.exact.WorkCount.times(Long.MAX_VALUE / 2, 3), "saturates instead of overflowing");
        assertEquals(6, org.flatcheck.exact.WorkCount.times(2, 3, 0), "factors count as at least 1");
        assertEquals("4.7e+03", org.flatcheck.exact.WorkCount.approx(4650));
        assertEquals("1.0e+00", org.flatcheck.exact.WorkCount.approx(1));
        assertEquals("9.2e+18", org.flatcheck.exact.WorkCount.approx(Long.MAX_VALUE));
    }
}
