package org.flatcheck.exact;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Certified enclosures of {@code ln x} and {@code exp x} at rational arguments: intervals with dyadic
 * ends that provably contain the value, for bounds that need a logarithm or a fractional power (such as
 * the geometric-programming dual {@code Π (hₖ/δₖ)^δₖ = exp Σ δₖ ln(hₖ/δₖ)}).
 *
 * <p>All arithmetic is on integers in fixed point (a value {@code N / 2^W}); every rounding is directed —
 * floors for lower ends, ceilings for upper ends — and every truncated series adds a bound on its tail to
 * the upper end:
 * <ul>
 *   <li>{@code ln x}: {@code x = 2^k y} with {@code y ∈ [1, 2)}, {@code ln x = k ln 2 + ln y},
 *       {@code ln y = 2 atanh z} with {@code z = (y − 1)/(y + 1) ∈ [0, 1/3)} and
 *       {@code ln 2 = 2 atanh(1/3)}; {@code atanh z = Σ_{j≥0} z^{2j+1}/(2j+1)}, whose tail from term j
 *       is at most {@code z^{2j+1}/(1 − z²) ≤ 2 z^{2j+1}} (z ≤ 1/2);
 *   <li>{@code exp x}: {@code x = k ln 2 + r} with an integer k and {@code |r|} about ≤ ½, so
 *       {@code exp x = 2^k exp r}; {@code exp a = Σ aⁿ/n!} for {@code a ≥ 0} with tail from term n at most
 *       {@code 2aⁿ/n!} once {@code a/(n+1) ≤ ½}, and {@code exp(−a) = 1/exp a}.
 * </ul>
 */
public final class ExpLog {
    private ExpLog() {
    }

    /**
     * An interval containing {@code ln x}, {@code x > 0}, of width at most about {@code 2^-bits}.
     *
     * @throws IllegalArgumentException if {@code x ≤ 0} or {@code bits < 1}
     */
    public static Interval ln(BigFraction x, int bits) {
        return ln(x.getNumerator(), x.getDenominator(), bits);
    }

    /**
     * An interval containing {@code ln(num/den)}, {@code num, den > 0} (not necessarily coprime, which
     * saves reducing large fractions), of width at most about {@code 2^-bits}.
     *
     * @throws IllegalArgumentException if {@code num} or {@code den} is not positive, or {@code bits < 1}
     */
    public static Interval ln(BigInteger num, BigInteger den, int bits) {
        if (num.signum() <= 0 || den.signum() <= 0) {
            throw new IllegalArgumentException("ln of a non-positive number " + num + "/" + den);
        }
        requireBits(bits);
        int k = num.bitLength() - den.bitLength();
        if (shifted(num, den, k).compareTo(BigInteger.ZERO) < 0) {
            k--;
        }
        int w = bits + 8 + Integer.SIZE - Integer.numberOfLeadingZeros(Math.abs(k) + 1);
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        // y = x / 2^k in [1, 2), enclosed in fixed point; ln is increasing.
        BigInteger[] y = scaled(k >= 0 ? num : num.shiftLeft(-k), k >= 0 ? den.shiftLeft(k) : den, w);
        BigInteger zl = floorDiv(y[0].subtract(one).shiftLeft(w), y[0].add(one));
        BigInteger zh = ceilDiv(y[1].subtract(one).shiftLeft(w), y[1].add(one));
        BigInteger[] lnY = atanh(zl.max(BigInteger.ZERO), zh, w);
        BigInteger[] ln2 = ln2(w);
        BigInteger kk = BigInteger.valueOf(k);
        BigInteger lo = lnY[0].shiftLeft(1).add(kk.multiply(k >= 0 ? ln2[0] : ln2[1]));
        BigInteger hi = lnY[1].shiftLeft(1).add(kk.multiply(k >= 0 ? ln2[1] : ln2[0]));
        return Interval.of(Q.of(lo, one), Q.of(hi, one));
    }

    /**
     * An interval containing {@code exp x}, of relative width at most about {@code 2^-bits}.
     *
     * @throws IllegalArgumentException if {@code |x| > 2^20} (the result would take megabytes) or
     *     {@code bits < 1}
     */
    public static Interval exp(BigFraction x, int bits) {
        requireBits(bits);
        if (Q.isZero(x)) {
            return Interval.point(BigFraction.ONE);
        }
        if (x.abs().compareTo(Q.of(1L << 20)) > 0) {
            throw new IllegalArgumentException("exp of " + Q.approx(x, 6) + ": |x| above 2^20");
        }
        // Any integer k is correct; one near x/ln 2 keeps r small, which only speeds the series up.
        long k = (long) StrictMath.floor(x.doubleValue() / 0.6931471805599453 + 0.5);
        int w = bits + 16 + Long.SIZE - Long.numberOfLeadingZeros(Math.abs(k) + 1);
        BigInteger[] xs = scaled(x.getNumerator(), x.getDenominator(), w);
        BigInteger[] ln2 = ln2(w);
        BigInteger kk = BigInteger.valueOf(k);
        BigInteger rl = xs[0].subtract(kk.multiply(k >= 0 ? ln2[1] : ln2[0]));
        BigInteger rh = xs[1].subtract(kk.multiply(k >= 0 ? ln2[0] : ln2[1]));
        BigInteger lo = expBound(rl, w, false);
        BigInteger hi = expBound(rh, w, true);
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        return k >= 0
                ? Interval.of(Q.of(lo.shiftLeft((int) k), one), Q.of(hi.shiftLeft((int) k), one))
                : Interval.of(Q.of(lo, one.shiftLeft((int) -k)), Q.of(hi, one.shiftLeft((int) -k)));
    }

    private static void requireBits(int bits) {
        if (bits < 1 || bits > 1 << 20) {
            throw new IllegalArgumentException("bits must be in [1, 2^20], got " + bits);
        }
    }

    /** The sign of {@code num/den − 2^k}. */
    private static BigInteger shifted(BigInteger num, BigInteger den, int k) {
        return k >= 0 ? num.subtract(den.shiftLeft(k)) : num.shiftLeft(-k).subtract(den);
    }

    /** {@code [⌊2^w p/q⌋, ⌈2^w p/q⌉]}, q > 0. */
    private static BigInteger[] scaled(BigInteger p, BigInteger q, int w) {
        BigInteger s = p.shiftLeft(w);
        return new BigInteger[] {floorDiv(s, q), ceilDiv(s, q)};
    }

    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() != 0 && (qr[1].signum() != b.signum()) ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        return floorDiv(a.negate(), b).negate();
    }

    /** {@code ⌈a / 2^w⌉}. */
    private static BigInteger ceilShift(BigInteger a, int w) {
        return a.negate().shiftRight(w).negate();
    }

    /** Fixed-point bounds of ln 2 = 2 atanh(1/3), computed once per precision. */
    private static BigInteger[] ln2(int w) {
        return LN2.computeIfAbsent(w, ExpLog::computeLn2).clone();
    }

    private static final java.util.Map<Integer, BigInteger[]> LN2 = new java.util.concurrent.ConcurrentHashMap<>();

    private static BigInteger[] computeLn2(int w) {
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        BigInteger three = BigInteger.valueOf(3);
        BigInteger[] a = atanh(floorDiv(one, three), ceilDiv(one, three), w);
        return new BigInteger[] {a[0].shiftLeft(1), a[1].shiftLeft(1)};
    }

    /** Fixed-point bounds of atanh z for z in [zl, zh] ⊂ [0, 1/2] (atanh is increasing). */
    private static BigInteger[] atanh(BigInteger zl, BigInteger zh, int w) {
        BigInteger z2l = zl.multiply(zl).shiftRight(w);
        BigInteger z2h = ceilShift(zh.multiply(zh), w);
        BigInteger pl = zl;
        BigInteger ph = zh;
        BigInteger lo = BigInteger.ZERO;
        BigInteger hi = BigInteger.ZERO;
        for (long j = 0; ; j++) {
            if (ph.compareTo(BigInteger.ONE) <= 0) {
                // the tail from here is at most p_j / (1 − z²) ≤ 2 p_j
                return new BigInteger[] {lo, hi.add(ph.shiftLeft(1))};
            }
            BigInteger odd = BigInteger.valueOf(2 * j + 1);
            lo = lo.add(pl.divide(odd));
            hi = hi.add(ceilDiv(ph, odd));
            pl = pl.multiply(z2l).shiftRight(w);
            ph = ceilShift(ph.multiply(z2h), w);
        }
    }

    /** A fixed-point lower ({@code upper = false}) or upper bound of exp(r), r a fixed-point number. */
    private static BigInteger expBound(BigInteger r, int w, boolean upper) {
        if (r.signum() >= 0) {
            return taylor(r, w, upper);
        }
        // exp(−a) = 1/exp(a): a lower bound from an upper one and vice versa
        BigInteger square = BigInteger.ONE.shiftLeft(2 * w);
        BigInteger e = taylor(r.negate(), w, !upper);
        return upper ? ceilDiv(square, e) : floorDiv(square, e);
    }

    /** Fixed-point bound of exp a = Σ aⁿ/n!, a ≥ 0. */
    private static BigInteger taylor(BigInteger a, int w, boolean upper) {
        BigInteger one = BigInteger.ONE.shiftLeft(w);
        BigInteger term = one;
        BigInteger sum = BigInteger.ZERO;
        for (long n = 0; ; n++) {
            boolean tailHalved = a.shiftLeft(1).compareTo(one.multiply(BigInteger.valueOf(n + 1))) <= 0;
            if (term.signum() == 0 || upper && tailHalved && term.compareTo(BigInteger.ONE) <= 0) {
                // lower: the omitted terms are ≥ 0; upper: they sum to at most 2·term
                return upper ? sum.add(term.shiftLeft(1)) : sum;
            }
            sum = sum.add(term);
            // term·a/(2^w (n+1)), rounded in two steps in the same direction
            BigInteger n1 = BigInteger.valueOf(n + 1);
            term = upper ? ceilDiv(ceilShift(term.multiply(a), w), n1) : term.multiply(a).shiftRight(w).divide(n1);
        }
    }
}
