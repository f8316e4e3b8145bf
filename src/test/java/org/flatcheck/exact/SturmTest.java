package org.flatcheck.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;

class SturmTest {
    private static Interval refine(Sturm s, Interval isolating, BigFraction width) {
        return RealRoots.refine(s.chain().get(0), isolating, width, null);
    }

    private static Polynomial p(long... ascending) {
        BigInteger[] c = new BigInteger[ascending.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = BigInteger.valueOf(ascending[i]);
        }
        return Polynomial.ofAscending(c);
    }

    @Test
    void countsDistinctRootsInHalfOpenIntervals() {
        // (x − 1)(x − 2)(x + 3) = x³ − 7x + 6
        Sturm s = Sturm.of(p(6, -7, 0, 1));
        assertEquals(3, s.countRoots(Q.of(-10), Q.of(10)));
        assertEquals(2, s.countRoots(Q.of(0), Q.of(5)));
        assertEquals(1, s.countRoots(Q.of(-4), Q.of(0)));
        assertEquals(0, s.countRoots(Q.of(5, 2), Q.of(100)));
    }

    @Test
    void isolatesAndRefinesIrrationalRoots() {
        Sturm s = Sturm.of(p(-2, 0, 1));
        List<Interval> roots = s.isolate();
        assertEquals(2, roots.size());
        BigFraction width = Spectrum.widthForDigits(30);
        for (Interval i : roots) {
            Interval r = refine(s, i, width);
            assertTrue(r.width().compareTo(width) <= 0);
            BigFraction lo2 = r.lo().multiply(r.lo());
            BigFraction hi2 = r.hi().multiply(r.hi());
            assertTrue(lo2.subtract(2).multiply(hi2.subtract(2)).compareTo(BigFraction.ZERO) < 0, "±√2 inside " + r);
        }
    }

    @Test
    void findsRootsThatSitOnBisectionPoints() {
        // Roots 0, 1/2, 1/4 are dyadic and will be hit by bisection exactly.
        Polynomial f = p(0, 1, -6, 8); // x(2x − 1)(4x − 1) = 8x³ − 6x² + x
        Sturm s = Sturm.of(f);
        List<Interval> roots = s.isolate();
        assertEquals(3, roots.size());
        BigFraction[] want = {Q.of(0), Q.of(1, 4), Q.of(1, 2)};
        for (int k = 0; k < 3; k++) {
            Interval r = refine(s, roots.get(k), Spectrum.widthForDigits(20));
            assertTrue(r.contains(want[k]), r + " should contain " + want[k]);
        }
    }

    @Test
    void cauchyBoundExceedsEveryRoot() {
        Polynomial f = p(-1000, 0, 1); // ±√1000 ≈ ±31.6
        assertTrue(Sturm.cauchyBound(f).compareTo(BigInteger.valueOf(32)) > 0);
        assertEquals(2, Sturm.of(f).isolate().size());
    }

    @Test
    void rationalRootsComeOutExact() {
        // (3x − 1)(x² − 2): the root 1/3 is not dyadic, so bisection never lands on it.
        Sturm s = Sturm.of(p(2, -6, -1, 3));
        List<Interval> roots = s.isolate();
        assertEquals(3, roots.size());
        Interval third = refine(s, roots.get(1), Spectrum.widthForDigits(10));
        assertEquals(Interval.point(Q.of(1, 3)), third);
        assertTrue(!refine(s, roots.get(2), Spectrum.widthForDigits(10)).isPoint(), "√2 stays an interval");
    }

    @Test
    void aRationalRootIsExactOnceItsDenominatorSquaredIsBelowOneOverTheWidth() {
        // (1000001x − 1000000)(x² − 2): at width 10⁻³ the simplest rational near 1000000/1000001 may be
        // 1, not the root, so a certified interval is all that is promised; at width 10⁻⁴⁰ the
        // denominator 1000001 < 10²⁰ guarantees the exact point.
        Polynomial f = p(2000000, -2000002, -1000000, 1000001);
        Sturm s = Sturm.of(f);
        List<Interval> roots = s.isolate();
        assertEquals(3, roots.size());
        Interval near1 = roots.stream().filter(i -> i.contains(Q.of(1000000, 1000001))).findFirst().orElseThrow();
        Interval coarse = refine(s, near1, Spectrum.widthForDigits(3));
        assertTrue(coarse.contains(Q.of(1000000, 1000001)));
        assertTrue(coarse.width().compareTo(Spectrum.widthForDigits(3)) <= 0);
        assertEquals(Interval.point(Q.of(1000000, 1000001)), refine(s, near1, Spectrum.widthForDigits(40)));
    }

    @Test
    void everyRationalRootWithDenominatorBelowTheSquareRootOfOneOverTheWidthIsExact() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            long den = 1 + Math.floorMod(random.nextLong(), 9_999_999_999L); // < 10¹⁰ = (10⁻²⁰)^(-1/2)
            long num = random.nextInt(2_000_001) - 1_000_000;
            BigFraction root = new BigFraction(BigInteger.valueOf(num), BigInteger.valueOf(den));
            // (den·x − num)(x² − 3), ascending coefficients
            BigInteger d = BigInteger.valueOf(den);
            BigInteger n = BigInteger.valueOf(num);
            Polynomial f = Polynomial.ofAscending(n.multiply(BigInteger.valueOf(3)), d.multiply(BigInteger.valueOf(-3)),
                    n.negate(), d);
            Sturm s = Sturm.of(f);
            Interval around = s.isolate().stream().filter(i -> i.contains(root)).findFirst().orElseThrow();
            assertEquals(Interval.point(root), refine(s, around, Spectrum.widthForDigits(20)), root::toString);
        }
    }

    @Test
    void simplestRationalIsTheShortestContinuedFraction() {
        assertEquals(Q.of(1, 3), RealRoots.simplestIn(Q.of(33, 100), Q.of(34, 100)));
        assertEquals(Q.of(0), RealRoots.simplestIn(Q.of(-1, 2), Q.of(1, 2)));
        assertEquals(Q.of(-2), RealRoots.simplestIn(Q.of(-5, 2), Q.of(-3, 2)));
        assertEquals(Q.of(3, 2), RealRoots.simplestIn(Q.of(3, 2), Q.of(3, 2)));
        assertEquals(Q.of(22, 7), RealRoots.simplestIn(Q.of(314, 100), Q.of(3143, 1000)));
    }
}
