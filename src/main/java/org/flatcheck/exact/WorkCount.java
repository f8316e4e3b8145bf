package org.flatcheck.exact;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Work estimates in word operations, as the cost guards count them: products and sums that saturate at
 * {@code Long.MAX_VALUE} instead of overflowing, and a short exact rendering for messages.
 */
public final class WorkCount {
    private WorkCount() {
    }

    /** The product of the factors, each taken as at least 1, saturating at {@code Long.MAX_VALUE}. */
    public static long times(long... factors) {
        long r = 1;
        for (long f : factors) {
            try {
                r = Math.multiplyExact(r, Math.max(1, f));
            } catch (ArithmeticException overflow) {
                return Long.MAX_VALUE;
            }
        }
        return r;
    }

    /** {@code a + b} for non-negative counts, saturating at {@code Long.MAX_VALUE}. */
    public static long plus(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    /** Two significant digits in scientific notation, e.g. {@code 4.7e+03}, rounded half up (no floating point). */
    public static String approx(long work) {
        BigDecimal d = new BigDecimal(work).round(new MathContext(2, RoundingMode.HALF_UP));
        int exponent = d.precision() - d.scale() - 1;
        BigDecimal mantissa = d.movePointLeft(exponent).setScale(1, RoundingMode.HALF_UP);
        return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
