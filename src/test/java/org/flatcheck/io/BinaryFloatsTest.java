package org.flatcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.junit.jupiter.api.Test;

/**
 * Exact decoding of F16/BF16/F32/F64 bit patterns and correctly rounded float64s, each checked against
 * an independent route: {@code new BigDecimal(double)} (an exact decimal expansion) and
 * {@code Double.parseDouble} (correctly rounded), or hand-computed values.
 */
class BinaryFloatsTest {
    private static BigFraction pow2(int e) {
        return e >= 0 ? new BigFraction(BigInteger.ONE.shiftLeft(e)) : new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(-e));
    }

    /** The exact value of a finite double via its exact decimal expansion. */
    private static BigFraction viaBigDecimal(double d) {
        BigDecimal b = new BigDecimal(d);
        return b.scale() >= 0 ? Q.of(b.unscaledValue(), BigInteger.TEN.pow(b.scale()))
                : new BigFraction(b.unscaledValue().multiply(BigInteger.TEN.pow(-b.scale())));
    }

    @Test
    void halfPrecisionValuesIncludingSubnormalsAreExact() {
        assertEquals(pow2(-24), FloatFormat.F16.exact(0x0001));                 // smallest subnormal
        assertEquals(Q.of(1023).multiply(pow2(-24)), FloatFormat.F16.exact(0x03FF)); // largest subnormal
        assertEquals(pow2(-14), FloatFormat.F16.exact(0x0400));                 // smallest normal
        assertEquals(Q.of(-3).multiply(pow2(-24)), FloatFormat.F16.exact(0x8003));
        assertEquals(Q.of(1), FloatFormat.F16.exact(0x3C00));
        assertEquals(Q.of(-2), FloatFormat.F16.exact(0xC000));
        assertEquals(Q.of(65504), FloatFormat.F16.exact(0x7BFF));
        assertEquals(Q.of(1365, 4096), FloatFormat.F16.exact(0x3555));          // the half nearest 1/3
        assertEquals(BigFraction.ZERO, FloatFormat.F16.exact(0x8000));         // −0 is 0
    }

    @Test
    void bfloat16ValuesAreTheTopHalfOfFloat32() {
        assertEquals(Q.of(201, 64), FloatFormat.BF16.exact(0x4049));             // 3.140625
        assertEquals(pow2(-133), FloatFormat.BF16.exact(0x0001));                // smallest subnormal
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < 10_000; k++) {
            int top = rnd.nextInt(1 << 16);
            if (FloatFormat.BF16.isFinite(top)) {
                assertEquals(viaBigDecimal(Float.intBitsToFloat(top << 16)), FloatFormat.BF16.exact(top));
            }
        }
    }

    @Test
    void float32AndFloat64AgreeWithExactDecimalExpansions() {
        assertEquals(pow2(-149), FloatFormat.F32.exact(Float.floatToRawIntBits(Float.MIN_VALUE)));
        assertEquals(pow2(-1074), FloatFormat.F64.exact(Double.doubleToRawLongBits(Double.MIN_VALUE)));
        assertEquals(Q.of(13421773, 134217728), FloatFormat.F32.exact(Float.floatToRawIntBits(0.1f)));
        SplittableRandom rnd = new SplittableRandom(11);
        for (int k = 0; k < 20_000; k++) {
            int fb = rnd.nextInt();
            if (FloatFormat.F32.isFinite(fb & 0xffffffffL)) {
                assertEquals(viaBigDecimal(Float.intBitsToFloat(fb)), FloatFormat.F32.exact(fb & 0xffffffffL));
            }
            long db = k % 2 == 0 ? rnd.nextLong() : rnd.nextLong() & 0x800F_FFFF_FFFF_FFFFL; // half of them subnormal
            if (FloatFormat.F64.isFinite(db)) {
                assertEquals(viaBigDecimal(Double.longBitsToDouble(db)), FloatFormat.F64.exact(db));
            }
        }
    }

    @Test
    void nonFiniteEncodingsAreNamed() {
        assertEquals("NaN", FloatFormat.F16.nonFiniteName(0x7E00));
        assertEquals("+Inf", FloatFormat.F16.nonFiniteName(0x7C00));
        assertEquals("-Inf", FloatFormat.BF16.nonFiniteName(0xFF80));
        assertEquals("NaN", FloatFormat.BF16.nonFiniteName(0x7FC1));
        assertEquals("-Inf", FloatFormat.F64.nonFiniteName(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY)));
        assertFalse(FloatFormat.F32.isFinite(Float.floatToRawIntBits(Float.NaN) & 0xffffffffL));
        assertThrows(IllegalArgumentException.class, () -> FloatFormat.F16.exact(0x7C00));
    }

    @Test
    void everyFiniteDoubleRoundTripsThroughItsRational() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int k = 0; k < 20_000; k++) {
            long bits = k % 3 == 0 ? rnd.nextLong() & 0x800F_FFFF_FFFF_FFFFL : rnd.nextLong();
            if (!FloatFormat.F64.isFinite(bits) || bits == 0x8000_0000_0000_0000L) {
                continue;
            }
            BigFraction x = FloatFormat.F64.exact(bits);
            assertEquals(x, Float64.exact(Double.longBitsToDouble(bits)), "the file decoder and the double decoder agree");
            assertTrue(Float64.isExact(x));
            assertEquals(bits, Float64.bits(x));
        }
    }

    @Test
    void nearestFloat64AgreesWithParseDoubleOnDecimals() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) {
            String digits = Long.toString(rnd.nextLong(1, Long.MAX_VALUE)) + Long.toString(rnd.nextLong(0, Long.MAX_VALUE));
            int exp = rnd.nextInt(-360, 330);
            String s = (rnd.nextBoolean() ? "-" : "") + "0." + digits + "e" + exp;
            double d = Double.parseDouble(s);
            if (Double.isInfinite(d)) {
                continue;
            }
            BigFraction x = Q.parse(s);
            long expected = d == 0 ? 0L : Double.doubleToRawLongBits(d);
            assertEquals(expected, Float64.bits(x), s);
        }
    }

    @Test
    void tiesGoToEvenAndTheRangeEndsAreExact() {
        BigFraction one = Q.of(1);
        assertEquals(one, Float64.nearest(one.add(pow2(-53))));                            // tie, 1 is even
        assertEquals(one.add(pow2(-51)), Float64.nearest(one.add(Q.of(3).multiply(pow2(-53))))); // tie, up to even
        assertEquals(0x3FD5_5555_5555_5555L, Float64.bits(Q.of(1, 3)));
        assertFalse(Float64.isExact(Q.of(1, 3)));
        assertTrue(Float64.isExact(pow2(-1074)));
        assertFalse(Float64.isExact(pow2(-1075)));
        assertEquals(BigFraction.ZERO, Float64.nearest(pow2(-1075)));                      // tie with 0: even
        assertEquals(pow2(-1074), Float64.nearest(Q.of(3).multiply(pow2(-1076))));
        BigFraction max = Q.of(BigInteger.ONE.shiftLeft(53).subtract(BigInteger.ONE), BigInteger.ONE).multiply(pow2(971));
        assertEquals(Double.doubleToRawLongBits(Double.MAX_VALUE), Float64.bits(max));
        assertEquals(max, Float64.nearest(max.add(pow2(969))));                            // below the midpoint
        assertThrows(Float64.Overflow.class, () -> Float64.nearest(max.add(pow2(970))));   // tie rounds to 2^1024
        assertThrows(Float64.Overflow.class, () -> Float64.nearest(pow2(1024).negate()));
        assertFalse(Float64.isExact(pow2(1024)));
    }
}
