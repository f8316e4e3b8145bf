package org.flatcheck.io;

import java.math.BigInteger;
import org.flatcheck.exact.Q;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The binary floating-point formats of model files, decoded bit by bit into exact rationals. A finite
 * value with sign s, biased exponent e and fraction bits f is {@code (-1)^s · (2^M + f) · 2^(e − bias − M)}
 * when {@code e > 0} and {@code (-1)^s · f · 2^(1 − bias − M)} when {@code e = 0} (subnormals), with M
 * fraction bits and {@code bias = 2^(E−1) − 1} for E exponent bits (IEEE 754-2008 §3.4; bfloat16 is the
 * top half of a float32). An all-ones exponent is ±Inf (f = 0) or NaN, which no rational represents.
 *
 * <p>No value passes through a decimal string or a {@code double}: commons-math's
 * {@code new BigFraction(double)} halves every float64 subnormal (it uses the exponent bias of normal
 * numbers for them), so it is not used here.
 */
enum FloatFormat {
    /** IEEE binary16. */
    F16(5, 10),
    /** bfloat16: 8 exponent bits like float32, 7 fraction bits. */
    BF16(8, 7),
    /** IEEE binary32. */
    F32(8, 23),
    /** IEEE binary64. */
    F64(11, 52);

    private final int exponentBits;
    private final int fractionBits;
    private final long exponentMask;
    private final long fractionMask;
    private final int bias;

    FloatFormat(int exponentBits, int fractionBits) {
        this.exponentBits = exponentBits;
        this.fractionBits = fractionBits;
        this.exponentMask = (1L << exponentBits) - 1;
        this.fractionMask = (1L << fractionBits) - 1;
        this.bias = (1 << (exponentBits - 1)) - 1;
    }

    /** Bytes per value. */
    int bytes() {
        return (1 + exponentBits + fractionBits) / 8;
    }

    /** Whether {@code bits} (in the low {@code 8·bytes()} bits) encode a finite number. */
    boolean isFinite(long bits) {
        return ((bits >>> fractionBits) & exponentMask) != exponentMask;
    }

    /** "NaN", "+Inf" or "-Inf" for a non-finite encoding. */
    String nonFiniteName(long bits) {
        if ((bits & fractionMask) != 0) {
            return "NaN";
        }
        return ((bits >>> (exponentBits + fractionBits)) & 1) == 0 ? "+Inf" : "-Inf";
    }

    /**
     * The exact value of a finite encoding; −0 is 0.
     *
     * @throws IllegalArgumentException if {@code bits} encode NaN or ±Inf
     */
    BigFraction exact(long bits) {
        if (!isFinite(bits)) {
            throw new IllegalArgumentException(nonFiniteName(bits) + " has no rational value");
        }
        long exponent = (bits >>> fractionBits) & exponentMask;
        long significand = bits & fractionMask;
        int power;
        if (exponent == 0) {
            power = 1 - bias - fractionBits;
        } else {
            significand |= 1L << fractionBits;
            power = (int) exponent - bias - fractionBits;
        }
        if (significand == 0) {
            return BigFraction.ZERO;
        }
        boolean negative = ((bits >>> (exponentBits + fractionBits)) & 1) != 0;
        return dyadic(negative ? -significand : significand, power);
    }

    /** {@code m · 2^power} in lowest terms. */
    static BigFraction dyadic(long m, int power) {
        int tz = Long.numberOfTrailingZeros(m);
        m >>= tz;
        power += tz;
        BigInteger num = BigInteger.valueOf(m);
        return power >= 0 ? Q.of(num.shiftLeft(power))
                : Q.of(num, BigInteger.ONE.shiftLeft(-power));
    }
}
