package org.flatcheck.exact;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Rigorous bounds on IEEE 754 binary64 arithmetic (round to nearest, unit roundoff {@code u = 2⁻⁵³}).
 *
 * <p>Directed rounding from round-to-nearest: the exact result {@code z} of {@code x ∘ y} and its
 * rounded value {@code r = fl(x ∘ y)} (finite) satisfy {@code nextDown(r) ≤ z ≤ nextUp(r)}, since
 * {@code |z − r|} is at most half an ulp of {@code r} (or 0 on exact underflow of additions, and at
 * most {@code 2⁻¹⁰⁷⁵} for products in the subnormal range, which the next subnormal step also covers).
 * So {@link #addUp}, {@link #mulUp} and {@link #divUp} are upper bounds of the exact results, and the
 * {@code Down} variants lower bounds. Every caller checks finiteness at the end (overflow gives ∞,
 * never a wrong finite bound).
 *
 * <p>Java 17 evaluates every {@code double} operation strictly (JEP 306) and never contracts
 * {@code a*b + c} into a fused multiply-add, so these bounds and the a-priori inner-product bound
 * {@link #gamma} apply to any straight-line double code, including EJML's.
 */
final class FloatBounds {
    /** The unit roundoff {@code u = 2⁻⁵³} of binary64. */
    static final double UNIT_ROUNDOFF = 0x1.0p-53;
    /** The smallest positive subnormal, {@code 2⁻¹⁰⁷⁴}. */
    static final double ETA = Double.MIN_VALUE;

    private FloatBounds() {
    }

    static double addUp(double x, double y) {
        return Math.nextUp(x + y);
    }

    static double addDown(double x, double y) {
        return Math.nextDown(x + y);
    }

    static double mulUp(double x, double y) {
        return Math.nextUp(x * y);
    }

    static double divUp(double x, double y) {
        return Math.nextUp(x / y);
    }

    static double divDown(double x, double y) {
        return Math.nextDown(x / y);
    }

    /**
     * An upper bound on Higham's {@code γ_n = n·u / (1 − n·u)} (Higham, <i>Accuracy and Stability of
     * Numerical Algorithms</i>, 2nd ed., 2002, Lemma 3.1), for {@code n·u < 1/2}. An inner product of length
     * {@code n} evaluated in floating point in any order satisfies {@code |fl(xᵀy) − xᵀy| ≤ γ_n |x|ᵀ|y|}
     * (Higham §3.1), hence for matrix products {@code |fl(AB) − AB| ≤ γ_n |A||B|} (Higham §3.5), barring
     * underflow (see {@link #underflowTerm}).
     */
    static double gamma(int n) {
        double nu = n * UNIT_ROUNDOFF; // exact: n < 2⁵³ times a power of two
        if (nu >= 0.5) {
            throw new IllegalArgumentException("γ_n needs n·u < 1/2, got n = " + n);
        }
        double oneMinus = 1 - nu; // exact for nu ≤ 1/2 (Sterbenz)
        return divUp(nu, oneMinus);
    }

    /**
     * An absolute term covering underflow in an inner product of length {@code n}: with gradual
     * underflow each product carries an extra absolute error of at most {@code 2⁻¹⁰⁷⁵} and additions
     * none (Higham 2002, §2.1, the model with underflow), so {@code n·2⁻¹⁰⁷⁴} bounds their sum, even after
     * the relative errors of the later additions.
     */
    static double underflowTerm(int n) {
        return mulUp(2 * (double) n, ETA);
    }

    /**
     * A double {@code a} close to {@code x = num/(den·2^shift)} ({@code den > 0}) and a rigorous bound on
     * {@code |x − a|}: with {@code s} chosen so that {@code q = ⌊|num|·2ˢ/den⌋} lies in {@code [2⁶¹, 2⁶³)},
     * {@code |num|·2ˢ/den ∈ [q, q + 1)}; converting the long {@code q} to double errs by at most half an
     * ulp, {@code 2⁹}; so {@code a = ±fl(q)·2^−(s+shift)} (an exact scaling) is within
     * {@code (2⁹ + 1)·2^−(s+shift)}. An entry below {@code 2⁻⁹³⁷} in magnitude becomes 0 with the bound
     * {@code 2⁻⁹³⁷}. Returns {@code {a, bound}}; throws if {@code |x| ≥ 2⁹⁰⁰}.
     */
    static double[] approximate(BigInteger num, BigInteger den, int shift) {
        if (num.signum() == 0) {
            return new double[] {0, 0};
        }
        BigInteger abs = num.abs();
        int s = 62 - (abs.bitLength() - den.bitLength());
        BigInteger q = quotient(abs, den, s);
        while (q.bitLength() > 63) {
            q = quotient(abs, den, --s);
        }
        while (q.bitLength() < 62) {
            q = quotient(abs, den, ++s);
        }
        long total = (long) s + shift;
        if (total > 1000) {
            return new double[] {0, 0x1.0p-937}; // |x| < 2^(63 − total) ≤ 2⁻⁹³⁷
        }
        if (total < -800) {
            throw new ArithmeticException("a matrix entry is outside the double range (2^" + (62 - total) + ")");
        }
        double a = Math.scalb((double) q.longValueExact(), (int) -total);
        double bound = Math.scalb(513.0, (int) -total);
        return new double[] {num.signum() < 0 ? -a : a, bound};
    }

    private static BigInteger quotient(BigInteger abs, BigInteger den, int s) {
        return s >= 0 ? abs.shiftLeft(s).divide(den) : abs.divide(den.shiftLeft(-s));
    }

    /** The exact rational value of a finite double. */
    static BigFraction exact(double x) {
        if (!Double.isFinite(x)) {
            throw new ArithmeticException("not a finite bound: " + x);
        }
        return x == 0 ? BigFraction.ZERO : Q.ofDouble(x);
    }
}
