package org.flatcheck.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.apache.commons.math3.fraction.BigFraction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "0; 0", "-3; -3", "+7; 7", "1/2; 1/2", "-6/4; -3/2", "0.1; 1/10", "0.125; 1/8", "-2.5; -5/2",
        "-2.5e-3; -1/400", "1e3; 1000", "1E+2; 100", ".5; 1/2", "5.; 5", "  3/9 ; 1/3", "007; 7", "0/5; 0",
        "123456789012345678901234567890; 123456789012345678901234567890"})
    void parsesEveryTextualFormExactly(String text, String canonical) {
        BigFraction x = Q.parse(text);
        assertEquals(canonical, Q.format(x));
        assertEquals(x, Q.parse(Q.format(x)), "format and parse round-trip");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1/0", "NaN", "Infinity", "-inf", "", "1/-2", "1//2", "0x10", "1e", "e5", "1.2.3",
        "1e999999999", "1e-10001", "½"})
    void rejectsTextThatIsNoRationalNumber(String text) {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Q.parse(text));
        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void hugeExponentIsRejectedBeforeAnyAllocation() {
        long bytes = org.flatcheck.testing.Allocation.of(
                () -> assertThrows(NumberFormatException.class, () -> Q.parse("1e999999999999999999999")));
        // 10^(10^21) would need ~4·10^20 bytes; the refusal allocates only its message and exception.
        assertTrue(bytes < 1 << 20, "allocated " + bytes + " bytes");
        long big = org.flatcheck.testing.Allocation.of(
                () -> assertThrows(NumberFormatException.class, () -> Q.parse("1e-10001")));
        assertTrue(big < 1 << 20, "allocated " + big + " bytes");
    }

    @org.junit.jupiter.api.Test
    void approximationIsForDisplayOnly() {
        assertEquals("0.3333333333", Q.approx(Q.of(1, 3), 10));
        assertEquals("-2.5", Q.approx(Q.of(-5, 2), 10));
        assertEquals("0", Q.approx(BigFraction.ZERO, 10));
    }

    @org.junit.jupiter.api.Test
    void commonDenominatorIsTheLcm() {
        assertEquals(BigInteger.valueOf(12), Q.commonDenominator(Q.of(1, 4), Q.of(5, 6), Q.of(7)));
        assertEquals(BigInteger.ONE, Q.commonDenominator());
    }

    /** The exact value by a second route: BigDecimal's exact decimal expansion of the double. */
    private static BigFraction viaBigDecimal(double d) {
        BigDecimal x = new BigDecimal(d);
        return x.scale() <= 0 ? new BigFraction(x.toBigIntegerExact())
                : new BigFraction(x.unscaledValue(), BigInteger.TEN.pow(x.scale()));
    }

    @Test
    void ofDoubleIsExactIncludingSubnormals() {
        double[] cases = {0.0, -0.0, 1.0, -2.5, 0.1, 1e300, -1e-300, Double.MAX_VALUE, Double.MIN_NORMAL,
            Double.MIN_VALUE, 3 * Double.MIN_VALUE, -Double.MIN_NORMAL / 3, Math.PI};
        for (double d : cases) {
            assertEquals(viaBigDecimal(d), Q.ofDouble(d), "value of " + d);
        }
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(viaBigDecimal(d), Q.ofDouble(d), "value of " + d);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Q.ofDouble(Double.NaN));
    }
}
