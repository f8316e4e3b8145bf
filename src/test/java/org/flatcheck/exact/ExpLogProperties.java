package org.flatcheck.exact;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * {@link ExpLog}'s enclosures contain the truth: published 50-digit values of ln 2, ln 10 and e (a
 * second route), {@code exp} at the ends of {@code ln x} bracketing x itself, agreement with
 * {@code StrictMath} to double precision, and widths near {@code 2^-bits}.
 */
class ExpLogProperties {
    private static final String LN2 = "0.69314718055994530941723212145817656807550013436025";
    private static final String LN10 = "2.30258509299404568401799145468436420760110148862877";
    private static final String E = "2.71828182845904523536028747135266249775724709369995";
    /** The 50-digit decimals are within 10^-50 of the constants. */
    private static final BigFraction ULP = new BigFraction(BigInteger.ONE, BigInteger.TEN.pow(50));

    @Example
    void publishedConstantsLieInTheEnclosures() {
        containsConstant(ExpLog.ln(new BigFraction(2), 200), LN2);
        containsConstant(ExpLog.ln(new BigFraction(10), 200), LN10);
        containsConstant(ExpLog.exp(BigFraction.ONE, 200), E);
        containsConstant(ExpLog.ln(new BigFraction(1, 2), 200), "-" + LN2);
        assertTrue(ExpLog.ln(BigFraction.ONE, 64).contains(BigFraction.ZERO));
        assertTrue(ExpLog.exp(BigFraction.ZERO, 64).isPoint());
    }

    private static void containsConstant(Interval i, String decimal) {
        BigFraction c = fraction(new BigDecimal(decimal));
        assertTrue(i.lo().compareTo(c.add(ULP)) <= 0 && c.subtract(ULP).compareTo(i.hi()) <= 0, i + " vs " + decimal);
        assertTrue(i.width().compareTo(ULP) < 0, "200 bits are finer than 50 digits: " + i.width().doubleValue());
    }

    private static BigFraction fraction(BigDecimal d) {
        return d.scale() <= 0 ? new BigFraction(d.toBigIntegerExact())
                : new BigFraction(d.unscaledValue(), BigInteger.TEN.pow(d.scale()));
    }

    @Provide
    Arbitrary<BigFraction> positives() {
        Arbitrary<BigInteger> big = Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.ONE.shiftLeft(300));
        Arbitrary<BigInteger> small = Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.valueOf(1000));
        Arbitrary<BigInteger> either = Arbitraries.oneOf(big, small);
        return Combinators.combine(either, either).as(BigFraction::new);
    }

    @Property(tries = 300)
    void expOfTheEndsOfLnBracketsX(@ForAll("positives") BigFraction x, @ForAll("bits") int bits) {
        Interval ln = ExpLog.ln(x, bits);
        Statistics.label("log2 x").collect(Math.round(Math.log(x.doubleValue()) / Math.log(2) / 100) * 100);
        assertTrue(ExpLog.exp(ln.lo(), bits).lo().compareTo(x) <= 0, "exp(lo ln x) ≤ x");
        assertTrue(x.compareTo(ExpLog.exp(ln.hi(), bits).hi()) <= 0, "x ≤ exp(hi ln x)");
        double width = ln.width().doubleValue();
        assertTrue(width <= StrictMath.scalb(1.0, -bits + 2), "width " + width + " at " + bits + " bits");
        double expected = StrictMath.log(x.getNumerator().doubleValue()) - StrictMath.log(x.getDenominator().doubleValue());
        double tolerance = Math.max(1e-12, StrictMath.scalb(1.0, -bits + 2));
        assertTrue(Math.abs(ln.midpoint().doubleValue() - expected) <= tolerance * (1 + Math.abs(expected)),
                ln.midpoint().doubleValue() + " vs StrictMath " + expected);
    }

    @Provide
    Arbitrary<Integer> bits() {
        return Arbitraries.of(8, 53, 128, 200);
    }

    @Property(tries = 300)
    void expAgreesWithStrictMathAndHasSmallRelativeWidth(@ForAll("exponents") BigFraction x) {
        Interval e = ExpLog.exp(x, 100);
        double expected = StrictMath.exp(x.doubleValue());
        Statistics.label("sign").collect(x.getNumerator().signum());
        assertTrue(e.lo().getNumerator().signum() > 0);
        double mid = toDouble(e.midpoint());
        assertTrue(Math.abs(mid / expected - 1) <= 1e-12, mid + " vs " + expected);
        assertTrue(e.width().divide(e.lo()).compareTo(new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(90))) <= 0,
                "relative width " + e.width().divide(e.lo()).doubleValue());
    }

    /** In BigDecimal: {@code BigFraction.doubleValue()} gives 0 once the denominator passes 2^1024. */
    private static double toDouble(BigFraction x) {
        return new BigDecimal(x.getNumerator()).divide(new BigDecimal(x.getDenominator()), java.math.MathContext.DECIMAL64)
                .doubleValue();
    }

    @Provide
    Arbitrary<BigFraction> exponents() {
        return Combinators.combine(Arbitraries.integers().between(-700_000, 700_000), Arbitraries.integers().between(1000, 100_000))
                .as(BigFraction::new);
    }

    @Example
    void nonPositiveLogarithmsAndHugeExponentialsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExpLog.ln(BigFraction.ZERO, 64));
        assertThrows(IllegalArgumentException.class, () -> ExpLog.ln(new BigFraction(-1), 64));
        assertThrows(IllegalArgumentException.class, () -> ExpLog.exp(new BigFraction(1L << 21), 64));
    }
}
