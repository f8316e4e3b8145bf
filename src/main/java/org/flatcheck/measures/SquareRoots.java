package org.flatcheck.measures;

import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Polynomial;
import org.flatcheck.exact.Q;

/** Certified enclosures of square roots of non-negative rationals (roots of {@code q·t² − p}). */
final class SquareRoots {
    private SquareRoots() {
    }

    /** An interval of width at most {@code width} containing {@code √x}, {@code x ≥ 0}. */
    static Interval sqrt(BigFraction x, BigFraction width) {
        if (Q.isZero(x)) {
            return Interval.point(BigFraction.ZERO);
        }
        BigInteger p = x.getNumerator();
        BigInteger q = x.getDenominator();
        BigInteger r = p.multiply(q).sqrt();
        if (r.multiply(r).equals(p.multiply(q))) {
            return Interval.point(Q.of(r, q));
        }
        Polynomial poly = Polynomial.ofAscending(p.negate(), BigInteger.ZERO, q);
        BigFraction hi = x.add(BigFraction.ONE);
        return AlgebraicNumber.root(poly, Interval.of(BigFraction.ZERO, hi)).approximate(width);
    }

    /**
     * A dyadic upper bound on {@code √x}, {@code x ≥ 0}, within {@code 2^-bits}: {@code ⌈√(x·4^bits)⌉ / 2^bits}.
     * Its denominator does not grow with x's, so bounds fed back into sums stay short.
     */
    static BigFraction upper(BigFraction x, int bits) {
        BigInteger[] qr = x.getNumerator().shiftLeft(2 * bits).divideAndRemainder(x.getDenominator());
        BigInteger n = qr[1].signum() == 0 ? qr[0] : qr[0].add(BigInteger.ONE);
        BigInteger s = n.sqrt();
        if (!s.multiply(s).equals(n)) {
            s = s.add(BigInteger.ONE);
        }
        return Q.of(s, BigInteger.ONE.shiftLeft(bits));
    }
}
