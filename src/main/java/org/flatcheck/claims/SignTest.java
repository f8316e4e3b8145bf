package org.flatcheck.claims;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * The paired sign test and its companions, exactly, for an empirical claim "measure(large) >
 * measure(small) tends to hold" over independent seeded runs (Conover, <i>Practical Nonparametric
 * Statistics</i>, 3rd ed., §3.4 and §3.6). With {@code dᵢ = large − small}, ties ({@code dᵢ = 0}) dropped,
 * n the remaining pairs and k those with {@code dᵢ > 0}: under the null hypothesis (median difference 0)
 * {@code K ~ Bin(n, ½)}, and the one-sided p-values are {@code P(K ≥ k)} (large sharper) and
 * {@code P(K ≤ k)} (large flatter), exact rationals {@code Σ C(n, j) / 2ⁿ}. The verdict at level α is
 * SUPPORTED if {@code P(K ≥ k) < α}, NOT_SUPPORTED if {@code P(K ≤ k) < α}, INCONCLUSIVE otherwise.
 *
 * <p>Besides: the median of all differences with its distribution-free confidence interval
 * {@code [d₍r₎, d₍N+1−r₎]} of the order statistics of all N differences, r the largest index whose exact
 * coverage {@code 1 − 2·P(Bin(N, ½) ≤ r − 1)} is at least 95 % (none when N is too small); and two effect
 * sizes: the median relative difference {@code dᵢ / |smallᵢ|} (pairs with {@code smallᵢ ≠ 0}) and the
 * sign effect {@code (k − (n − k)) / n} in [−1, 1].
 */
record SignTest(int runs, int ties, int n, int larger, BigFraction pLarger, BigFraction pSmaller, String verdict,
        BigFraction median, BigFraction ciLo, BigFraction ciHi, BigFraction ciCoverage, BigFraction medianRelative,
        BigFraction signEffect) {

    /** The level of the one-sided tests. */
    static final BigFraction LEVEL = Q.of(1, 20);
    /** The smallest coverage accepted for the median's interval. */
    static final BigFraction COVERAGE = Q.of(95, 100);

    static SignTest of(List<BigFraction> large, List<BigFraction> small) {
        if (large.size() != small.size()) {
            throw new IllegalArgumentException("need equally many large and small values");
        }
        List<BigFraction> d = new ArrayList<>();
        List<BigFraction> relative = new ArrayList<>();
        int up = 0;
        int down = 0;
        for (int i = 0; i < large.size(); i++) {
            BigFraction diff = large.get(i).subtract(small.get(i));
            d.add(diff);
            up += diff.compareTo(BigFraction.ZERO) > 0 ? 1 : 0;
            down += diff.compareTo(BigFraction.ZERO) < 0 ? 1 : 0;
            if (!Q.isZero(small.get(i))) {
                relative.add(diff.divide(small.get(i).abs()));
            }
        }
        int n = up + down;
        BigFraction pUp = n == 0 ? BigFraction.ONE : upperTail(n, up);
        BigFraction pDown = n == 0 ? BigFraction.ONE : upperTail(n, n - up);
        String verdict = pUp.compareTo(LEVEL) < 0 ? "SUPPORTED" : pDown.compareTo(LEVEL) < 0 ? "NOT_SUPPORTED" : "INCONCLUSIVE";
        d.sort(null);
        relative.sort(null);
        int total = d.size();
        int r = 0;
        BigFraction coverage = null;
        for (int cand = 1; 2 * cand <= total; cand++) {
            BigFraction c = BigFraction.ONE.subtract(upperTail(total, total - cand + 1).multiply(2));
            if (c.compareTo(COVERAGE) >= 0) {
                r = cand;
                coverage = c;
            }
        }
        return new SignTest(total, total - n, n, up, pUp, pDown, verdict, median(d),
                r == 0 ? null : d.get(r - 1), r == 0 ? null : d.get(total - r), coverage,
                relative.isEmpty() ? null : median(relative),
                n == 0 ? BigFraction.ZERO : Q.of(up - down, n));
    }

    /** {@code P(X ≥ k)} for {@code X ~ Bin(n, ½)}: {@code Σ_{j ≥ k} C(n, j) / 2ⁿ}, by the recurrence C(n, j+1) = C(n, j)(n−j)/(j+1). */
    static BigFraction upperTail(int n, int k) {
        BigInteger c = BigInteger.ONE;
        BigInteger sum = BigInteger.ZERO;
        for (int j = 0; j <= n; j++) {
            if (j >= k) {
                sum = sum.add(c);
            }
            c = c.multiply(BigInteger.valueOf(n - j)).divide(BigInteger.valueOf(j + 1));
        }
        return Q.of(sum, BigInteger.ONE.shiftLeft(n));
    }

    private static BigFraction median(List<BigFraction> sorted) {
        int m = sorted.size();
        if (m == 0) {
            return BigFraction.ZERO; // no runs: nothing to summarise (the verdict is INCONCLUSIVE)
        }
        return m % 2 == 1 ? sorted.get(m / 2) : sorted.get(m / 2 - 1).add(sorted.get(m / 2)).divide(2);
    }
}
