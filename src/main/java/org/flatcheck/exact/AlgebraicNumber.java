package org.flatcheck.exact;

import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * A real algebraic number, exactly: a rational, or the unique root of a square-free integer
 * polynomial {@code p} inside an isolating interval {@code [lo, hi]} ({@code p(lo) ≠ 0 ≠ p(hi)}, one
 * root strictly between). Equality is decided exactly, never by decimals: two such numbers are equal
 * iff {@code gcd(p, q)} has a root in the intersection of their intervals (a common root there is the
 * unique root of each), which a sign change of the gcd there decides.
 */
public final class AlgebraicNumber {
    private final Polynomial poly;
    private final Interval interval;
    /** A numeric approximation that speeds up refinement (may be null; never affects correctness). */
    private final BigFraction seed;
    /** The tightest isolating interval computed so far (a cache; always contains the number). */
    private volatile Interval tightest;

    private AlgebraicNumber(Polynomial poly, Interval interval) {
        this(poly, interval, null);
    }

    private AlgebraicNumber(Polynomial poly, Interval interval, BigFraction seed) {
        this.poly = poly;
        this.interval = interval;
        this.seed = seed;
    }

    /** The rational {@code x}. */
    public static AlgebraicNumber rational(BigFraction x) {
        return new AlgebraicNumber(null, Interval.point(x));
    }

    /**
     * The root of {@code squareFree} isolated by {@code isolating} (a point interval gives that rational).
     *
     * @throws IllegalArgumentException if the interval does not isolate a sign change of the polynomial
     */
    public static AlgebraicNumber root(Polynomial squareFree, Interval isolating) {
        return root(squareFree, isolating, null);
    }

    /** As {@link #root(Polynomial, Interval)}, with a numeric approximation to speed up refinement. */
    public static AlgebraicNumber root(Polynomial squareFree, Interval isolating, BigFraction seed) {
        Objects.requireNonNull(squareFree, "polynomial");
        if (isolating.isPoint()) {
            if (squareFree.signAt(isolating.lo()) != 0) {
                throw new IllegalArgumentException(isolating.lo() + " is not a root");
            }
            return rational(isolating.lo());
        }
        int a = squareFree.signAt(isolating.lo());
        int b = squareFree.signAt(isolating.hi());
        if (a == 0 || b == 0 || a == b) {
            throw new IllegalArgumentException(isolating + " does not isolate a simple root of " + squareFree);
        }
        return new AlgebraicNumber(squareFree.primitivePart(), isolating, seed);
    }

    /** {@code −x}: the root of {@code p(−x)} in {@code [−hi, −lo]}. */
    public AlgebraicNumber negate() {
        Interval neg = Interval.of(interval.hi().negate(), interval.lo().negate());
        if (isRational()) {
            return new AlgebraicNumber(null, neg);
        }
        java.math.BigInteger[] c = new java.math.BigInteger[poly.degree() + 1];
        for (int k = 0; k < c.length; k++) {
            c[k] = k % 2 == 0 ? poly.coefficient(k) : poly.coefficient(k).negate();
        }
        return new AlgebraicNumber(Polynomial.ofAscending(c).primitivePart(), neg);
    }

    /** Whether this number is rational and known as such. */
    public boolean isRational() {
        return poly == null;
    }

    /** An interval containing the number (a point if rational). */
    public Interval interval() {
        return interval;
    }

    /** An interval of width at most {@code width} containing the number. */
    public Interval approximate(BigFraction width) {
        if (isRational()) {
            return interval;
        }
        Interval t = tightest == null ? interval : tightest;
        if (t.width().compareTo(width) <= 0) {
            return t;
        }
        Interval r = RealRoots.refine(poly, t, width, seed);
        if (!r.isPoint()) {
            tightest = r;
        }
        return r;
    }

    /** The tightest enclosure known without more work. */
    private Interval known() {
        Interval t = tightest;
        return t == null ? interval : t;
    }

    /** Exact equality. */
    public boolean isEqualTo(AlgebraicNumber other) {
        if (this == other) {
            return true;
        }
        if (isRational() && other.isRational()) {
            return interval.lo().equals(other.interval.lo());
        }
        if (isRational() || other.isRational()) {
            AlgebraicNumber r = isRational() ? this : other;
            AlgebraicNumber a = isRational() ? other : this;
            BigFraction x = r.interval.lo();
            Interval k = a.known();
            return k.lo().compareTo(x) < 0 && x.compareTo(k.hi()) < 0 && a.poly.signAt(x) == 0;
        }
        Interval a = known();
        Interval b = other.known();
        if (overlap(a, b)) {
            // Usually distinct numbers separate after a little refinement, which is cheap; the gcd of two
            // high-degree polynomials is not.
            BigFraction w = Q.max(a.width(), b.width()).divide(1 << 20);
            a = approximate(w);
            b = other.approximate(w);
            if (a.isPoint() || b.isPoint()) {
                // A rational root was found: compare it with the other number exactly.
                return a.isPoint() ? rational(a.lo()).isEqualTo(other) : isEqualTo(rational(b.lo()));
            }
        }
        if (!overlap(a, b) || poly.isCertainlyCoprime(other.poly)) {
            return false;
        }
        BigFraction lo = Q.max(a.lo(), b.lo());
        BigFraction hi = min(a.hi(), b.hi());
        Polynomial g = poly.gcd(other.poly);
        if (g.degree() < 1) {
            return false;
        }
        if (g.signAt(lo) == 0 || g.signAt(hi) == 0) {
            return true;
        }
        // g divides both square-free polynomials, so its roots are simple and in [lo, hi] (inside this
        // number's isolating interval) it can only vanish at this number: a sign change decides.
        return lo.compareTo(hi) < 0 && g.signAt(lo) != g.signAt(hi);
    }

    /** Whether the open intervals meet (an irrational root lies strictly inside its isolating interval). */
    private static boolean overlap(Interval a, Interval b) {
        return a.lo().compareTo(b.hi()) < 0 && b.lo().compareTo(a.hi()) < 0;
    }

    /** Exact comparison: negative, zero or positive as this is below, equal to or above {@code other}. */
    public int compareTo(AlgebraicNumber other) {
        int quick = separated(known(), other.known());
        if (quick != 0) {
            return quick;
        }
        if (isEqualTo(other)) {
            return 0;
        }
        BigFraction width = Q.max(known().width(), other.known().width());
        while (true) {
            width = width.divide(4);
            int c = separated(approximate(width), other.approximate(width));
            if (c != 0) {
                return c;
            }
        }
    }

    /**
     * −1 or 1 if the enclosures already order the two numbers, 0 if they cannot tell. An irrational
     * number lies strictly inside its enclosure, so enclosures that only touch still decide, unless
     * both are the same point.
     */
    private static int separated(Interval a, Interval b) {
        if (a.isPoint() && b.isPoint()) {
            return a.lo().compareTo(b.lo());
        }
        if (a.hi().compareTo(b.lo()) <= 0) {
            return -1;
        }
        return b.hi().compareTo(a.lo()) <= 0 ? 1 : 0;
    }

    private static BigFraction min(BigFraction x, BigFraction y) {
        return x.compareTo(y) <= 0 ? x : y;
    }

    @Override
    public String toString() {
        return isRational() ? Q.format(interval.lo()) : "root of " + poly + " in " + interval;
    }
}
