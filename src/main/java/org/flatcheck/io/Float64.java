package org.flatcheck.io;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * Rationals as IEEE binary64 values: the correctly rounded (nearest, ties to even) float64 of an exact
 * rational, computed in integer arithmetic so that nothing is rounded twice. A rational is a float64 iff
 * it equals its rounding; the float64s are exactly the numbers {@code m · 2^e} with {@code |m| < 2^53}
 * and {@code −1074 ≤ e ≤ 971}.
 */
public final class Float64 {
    private static final int PRECISION = 53;
    private static final int MIN_EXPONENT = -1074;
    private static final int MAX_EXPONENT = 971;

    /** The float64 nearest to a rational: {@code sign · m · 2^e} with {@code 0 ≤ m ≤ 2^53}. */
    private record Rounded(boolean negative, long m, int e) {
        BigFraction value() {
            return m == 0 ? BigFraction.ZERO : FloatFormat.dyadic(negative ? -m : m, e);
        }
    }

    private Float64() {
    }

    /** Thrown when a rational's magnitude rounds beyond the largest finite float64. */
    static final class Overflow extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        Overflow() {
            super("beyond the largest float64 (about 1.8e308)");
        }
    }

    /**
     * The exact rational value of a finite double, decoded bit by bit ({@link Q#ofDouble}; commons-math's
     * {@code new BigFraction(double)} halves subnormals, see {@link FloatFormat}).
     *
     * @throws IllegalArgumentException for NaN and ±Inf
     */
    public static BigFraction exact(double x) {
        return Q.ofDouble(x);
    }

    /** Whether {@code x} is exactly a float64. */
    static boolean isExact(BigFraction x) {
        try {
            return round(x).value().equals(x);
        } catch (Overflow e) {
            return false;
        }
    }

    /**
     * The float64 nearest to {@code x} as an exact rational (ties to even).
     *
     * @throws Overflow if it would be infinite
     */
    static BigFraction nearest(BigFraction x) {
        return round(x).value();
    }

    /**
     * The IEEE bits of the float64 nearest to {@code x}; for an exact float64 these are its bits. Zero
     * is +0.
     *
     * @throws Overflow if it would be infinite
     */
    static long bits(BigFraction x) {
        Rounded r = round(x);
        long m = r.m();
        int e = r.e();
        if (m == 0) {
            return 0L;
        }
        if (m == 1L << PRECISION) {
            m >>= 1;
            e++;
        }
        long sign = r.negative() ? 1L << 63 : 0L;
        if (m < 1L << (PRECISION - 1)) {
            return sign | m;                      // subnormal: e is MIN_EXPONENT, biased exponent 0
        }
        long biased = e + 1075L;                  // m·2^e = 1.f · 2^(e+52), bias 1023
        return sign | (biased << 52) | (m & ((1L << 52) - 1));
    }

    private static Rounded round(BigFraction x) {
        BigInteger num = x.getNumerator();
        BigInteger den = x.getDenominator();
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        if (num.signum() == 0) {
            return new Rounded(false, 0, 0);
        }
        boolean negative = num.signum() < 0;
        BigInteger a = num.abs();
        // floor(log2(a/den)) is t or t−1 for t = bitLength(a) − bitLength(den).
        int t = a.bitLength() - den.bitLength();
        int floorLog = compareShifted(a, den, t) >= 0 ? t : t - 1;
        if (floorLog >= MAX_EXPONENT + PRECISION) {          // |x| ≥ 2^1024
            throw new Overflow();
        }
        int e = Math.max(floorLog - (PRECISION - 1), MIN_EXPONENT);
        // m = a / (den · 2^e), rounded to nearest, ties to even.
        BigInteger n = e >= 0 ? a : a.shiftLeft(-e);
        BigInteger d = e >= 0 ? den.shiftLeft(e) : den;
        BigInteger[] qr = n.divideAndRemainder(d);
        long m = qr[0].longValueExact();
        int c = qr[1].shiftLeft(1).compareTo(d);
        if (c > 0 || c == 0 && (m & 1) == 1) {
            m++;
        }
        if (e > MAX_EXPONENT || e == MAX_EXPONENT && m >= 1L << PRECISION) {
            throw new Overflow();
        }
        return new Rounded(negative, m, e);
    }

    /** Sign of {@code a − b·2^t}. */
    private static int compareShifted(BigInteger a, BigInteger b, int t) {
        return t >= 0 ? a.compareTo(b.shiftLeft(t)) : a.shiftLeft(-t).compareTo(b);
    }
}
