package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The transcendental steps of the bound terms in {@link BigDecimal}: {@code ln} (argument reduction by
 * powers of two, then {@code 2 atanh((y−1)/(y+1))}), {@code exp} (reduction by {@code ln 2}, then
 * Taylor), square roots ({@link BigDecimal#sqrt}) and real powers {@code exp(p·ln x)}. Each works
 * internally with ten digits beyond the requested precision, so the result's relative error is a few
 * units in the requested last digit at most; callers request {@link BoundOptions#GUARD} extra digits
 * again, which keeps the rounded output within one unit of its last digit.
 */
final class BigMath {
    private BigMath() {
    }

    /** {@code p/q} to {@code mc}. */
    static BigDecimal of(BigFraction x, MathContext mc) {
        return new BigDecimal(x.getNumerator()).divide(new BigDecimal(x.getDenominator()), mc);
    }

    static BigDecimal sqrt(BigDecimal x, MathContext mc) {
        if (x.signum() < 0) {
            throw new ArithmeticException("sqrt of a negative number");
        }
        return x.signum() == 0 ? BigDecimal.ZERO : x.sqrt(mc);
    }

    /** {@code √(p/q)}. */
    static BigDecimal sqrt(BigFraction x, MathContext mc) {
        return sqrt(of(x, wider(mc)), mc);
    }

    /** The natural logarithm of {@code x > 0}. */
    static BigDecimal ln(BigDecimal x, MathContext mc) {
        if (x.signum() <= 0) {
            throw new ArithmeticException("ln of a non-positive number");
        }
        MathContext w = wider(mc);
        if (x.subtract(BigDecimal.ONE).abs().compareTo(new BigDecimal("0.25")) <= 0) {
            return lnNearOne(x, w).round(mc);
        }
        // x = y·2^k with y in [3/4, 3/2): k from the bit length, then corrected.
        long k = Math.round(log2Estimate(x));
        BigDecimal y = scaleByTwo(x, -k, w);
        while (y.compareTo(new BigDecimal("1.5")) >= 0) {
            y = y.divide(BigDecimal.valueOf(2), w);
            k++;
        }
        while (y.compareTo(new BigDecimal("0.75")) < 0) {
            y = y.multiply(BigDecimal.valueOf(2), w);
            k--;
        }
        BigDecimal ln2 = lnNearOne(new BigDecimal(2), w);
        return ln2.multiply(BigDecimal.valueOf(k), w).add(lnNearOne(y, w), w).round(mc);
    }

    /** {@code ln(p/q)}. */
    static BigDecimal ln(BigFraction x, MathContext mc) {
        return ln(of(x, wider(mc)), mc);
    }

    /** {@code e^x}. */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        MathContext w = wider(mc);
        BigDecimal ln2 = lnNearOne(new BigDecimal(2), w);
        BigInteger k = x.divide(ln2, 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
        BigDecimal r = x.subtract(ln2.multiply(new BigDecimal(k), w), w);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-w.getPrecision() - 2);
        for (int i = 1; term.abs().compareTo(eps) > 0; i++) {
            term = term.multiply(r, w).divide(BigDecimal.valueOf(i), w);
            sum = sum.add(term, w);
        }
        return scaleByTwo(sum, k.longValueExact(), w).round(mc);
    }

    /** {@code x^e = exp(e·ln x)} for {@code x > 0}; 0 for {@code x = 0} and {@code e > 0}. */
    static BigDecimal pow(BigDecimal x, BigFraction e, MathContext mc) {
        if (x.signum() == 0 && e.compareTo(BigFraction.ZERO) > 0) {
            return BigDecimal.ZERO;
        }
        MathContext w = wider(mc);
        return exp(ln(x, w).multiply(of(e, w), w), mc);
    }

    /** {@code 2^k · x}. */
    static BigDecimal scaleByTwo(BigDecimal x, long k, MathContext mc) {
        if (k == 0) {
            return x;
        }
        BigDecimal p = new BigDecimal(BigInteger.ONE.shiftLeft((int) Math.abs(k)));
        return k > 0 ? x.multiply(p) : x.divide(p, mc);
    }

    /** {@code 2 atanh(z)}, {@code z = (y−1)/(y+1)}; fast for y near 1 (|z| ≤ 1/3 here). */
    private static BigDecimal lnNearOne(BigDecimal y, MathContext w) {
        BigDecimal z = y.subtract(BigDecimal.ONE).divide(y.add(BigDecimal.ONE), w);
        BigDecimal z2 = z.multiply(z, w);
        BigDecimal power = z;
        BigDecimal sum = z;
        BigDecimal eps = BigDecimal.ONE.scaleByPowerOfTen(-w.getPrecision() - 2);
        for (int i = 3; power.abs().compareTo(eps.multiply(sum.abs().max(eps))) > 0 && power.signum() != 0; i += 2) {
            power = power.multiply(z2, w);
            sum = sum.add(power.divide(BigDecimal.valueOf(i), w), w);
        }
        return sum.multiply(BigDecimal.valueOf(2), w);
    }

    /** A rough {@code log₂ x} from the decimal representation (only a starting point for the reduction). */
    private static double log2Estimate(BigDecimal x) {
        BigInteger u = x.unscaledValue();
        int shift = Math.max(0, u.bitLength() - 60);
        double mantissa = u.shiftRight(shift).doubleValue();
        return StrictMath.log(mantissa) / StrictMath.log(2) + shift - x.scale() * (StrictMath.log(10) / StrictMath.log(2));
    }

    private static MathContext wider(MathContext mc) {
        return new MathContext(mc.getPrecision() + 10, RoundingMode.HALF_EVEN);
    }
}
