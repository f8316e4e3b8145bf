package org.flatcheck.exact;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Static helpers over {@link BigFraction}, the scalar type of flatcheck's API.
 *
 * <p>Textual form (docs/ARCHITECTURE.md §4): an integer ({@code -3}), a fraction {@code p/q} with {@code q > 0}, or an
 * exact decimal ({@code 0.125}, {@code -2.5e-3}); every form is converted exactly, so {@code "0.1"} is
 * {@code 1/10}. {@link #format} writes the canonical form {@code p/q} (or {@code p} for integers), which
 * {@link #parse} reads back to an equal value.
 */
public final class Q {
    /** Largest decimal exponent accepted by {@link #parse}; larger ones would allocate huge numbers. */
    public static final int MAX_DECIMAL_EXPONENT = 10_000;

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern FRACTION = Pattern.compile("([+-]?\\d+)/(\\d+)");
    private static final Pattern DECIMAL =
            Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(?:[eE]([+-]?\\d+))?");

    private Q() {
    }

    /** The integer {@code n} as a fraction. */
    public static BigFraction of(long n) {
        return new BigFraction(BigInteger.valueOf(n));
    }

    /** The integer {@code n} as a fraction. */
    public static BigFraction of(BigInteger n) {
        return new BigFraction(n);
    }

    /**
     * The exact value of a finite double, a dyadic rational {@code m·2^e} read from its bits (subnormals
     * included, which commons-math's {@code new BigFraction(double)} halves).
     *
     * @throws IllegalArgumentException for an infinity or NaN
     */
    public static BigFraction ofDouble(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + d);
        }
        long bits = Double.doubleToRawLongBits(d);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        long mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0) {
            exponent = 1;
        } else {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        BigInteger m = BigInteger.valueOf(bits < 0 ? -mantissa : mantissa);
        return exponent >= 0 ? new BigFraction(m.shiftLeft(exponent)) : new BigFraction(m, BigInteger.ONE.shiftLeft(-exponent));
    }

    /**
     * {@code x} rounded down ({@code up = false}) or up to a multiple of {@code 2^-bits}: a short dyadic on the
     * chosen side of x, for interval ends and numeric proposals whose numbers should stay short.
     */
    public static BigFraction dyadic(BigFraction x, int bits, boolean up) {
        BigInteger[] qr = x.getNumerator().shiftLeft(bits).divideAndRemainder(x.getDenominator());
        BigInteger n = qr[0];
        if (qr[1].signum() != 0 && (qr[1].signum() > 0) == up) {
            n = n.add(BigInteger.valueOf(up ? 1 : -1));
        }
        return of(n, BigInteger.ONE.shiftLeft(bits));
    }

    /** {@code p/q} reduced; {@code q != 0}. */
    public static BigFraction of(long p, long q) {
        return of(BigInteger.valueOf(p), BigInteger.valueOf(q));
    }

    /** {@code p/q} reduced; {@code q != 0}. */
    public static BigFraction of(BigInteger p, BigInteger q) {
        if (q.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        return new BigFraction(p, q);
    }

    /** Parses the textual form; see the class comment. */
    public static BigFraction of(String text) {
        return parse(text);
    }

    /**
     * Parses an integer, a fraction {@code p/q} or an exact decimal.
     *
     * @throws NumberFormatException with a message saying what is wrong (a zero denominator, an
     *     exponent beyond {@link #MAX_DECIMAL_EXPONENT}, or text that is no rational number)
     */
    public static BigFraction parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        BigFraction fast = parseSimple(s);
        if (fast != null) {
            return fast;
        }
        if (INTEGER.matcher(s).matches()) {
            return new BigFraction(new BigInteger(s));
        }
        Matcher f = FRACTION.matcher(s);
        if (f.matches()) {
            BigInteger q = new BigInteger(f.group(2));
            if (q.signum() == 0) {
                throw new NumberFormatException("\"" + text + "\" has a zero denominator");
            }
            return new BigFraction(new BigInteger(f.group(1)), q);
        }
        Matcher d = DECIMAL.matcher(s);
        if (d.matches()) {
            return parseDecimal(text, d.group(1), d.group(2));
        }
        throw new NumberFormatException("\"" + text + "\" is not a rational number");
    }

    /** {@code [-]digits} or {@code [-]digits/digits} without regular expressions (the common case in files); null otherwise. */
    private static BigFraction parseSimple(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int slash = -1;
        for (int k = i; k < n; k++) {
            char ch = s.charAt(k);
            if (ch == '/' && slash < 0 && k > i && k < n - 1) {
                slash = k;
            } else if (ch < '0' || ch > '9') {
                return null;
            }
        }
        if (i == n) {
            return null;
        }
        if (slash < 0) {
            return new BigFraction(integer(s, 0, n));
        }
        BigInteger q = integer(s, slash + 1, n);
        if (q.signum() == 0) {
            throw new NumberFormatException("\"" + s + "\" has a zero denominator");
        }
        return new BigFraction(integer(s, 0, slash), q);
    }

    /** The integer in {@code s[from, to)}, through {@code long} when it has at most 18 digits. */
    private static BigInteger integer(String s, int from, int to) {
        return to - from <= 18 ? BigInteger.valueOf(Long.parseLong(s, from, to, 10)) : new BigInteger(s.substring(from, to));
    }

    private static BigFraction parseDecimal(String text, String mantissa, String exponent) {
        int exp = 0;
        if (exponent != null) {
            String magnitude = exponent.replaceFirst("^[+-]?0*", "");
            if (magnitude.length() > 6 || (!magnitude.isEmpty() && Integer.parseInt(magnitude) > MAX_DECIMAL_EXPONENT)) {
                throw new NumberFormatException(
                        "\"" + text + "\" has a decimal exponent beyond +-" + MAX_DECIMAL_EXPONENT);
            }
            exp = magnitude.isEmpty() ? 0 : Integer.parseInt(magnitude) * (exponent.startsWith("-") ? -1 : 1);
        }
        BigDecimal m = new BigDecimal(mantissa);
        int scale = m.scale() - exp;
        BigInteger unscaled = m.unscaledValue();
        return scale >= 0
                ? new BigFraction(unscaled, BigInteger.TEN.pow(scale))
                : new BigFraction(unscaled.multiply(BigInteger.TEN.pow(-scale)));
    }

    /** Canonical text: {@code p} for integers, else {@code p/q} with {@code q > 1}. */
    public static String format(BigFraction x) {
        BigInteger den = x.getDenominator();
        return den.equals(BigInteger.ONE)
                ? x.getNumerator().toString()
                : x.getNumerator() + "/" + den;
    }

    /**
     * {@code num/den} reduced and in canonical text, without building a {@link BigFraction}: a
     * power-of-two denominator (every float-derived value) is reduced by shifts alone.
     */
    public static String format(BigInteger num, BigInteger den) {
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        if (num.signum() == 0) {
            return "0";
        }
        if (den.bitCount() == 1) {
            int shift = Math.min(num.getLowestSetBit(), den.getLowestSetBit());
            num = num.shiftRight(shift);
            den = den.shiftRight(shift);
        } else {
            BigInteger g = num.gcd(den);
            num = num.divide(g);
            den = den.divide(g);
        }
        return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }

    /**
     * A decimal approximation with {@code digits} significant digits, rounded half-even. For display
     * only: it is not exact, and flatcheck never computes with it.
     */
    public static String approx(BigFraction x, int digits) {
        if (isZero(x)) {
            return "0";
        }
        BigDecimal v = new BigDecimal(x.getNumerator())
                .divide(new BigDecimal(x.getDenominator()), new MathContext(digits, RoundingMode.HALF_EVEN));
        BigDecimal stripped = v.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return Math.abs(exponent) >= 12 ? stripped.toString() : stripped.toPlainString();
    }

    /** Sign of {@code x}: -1, 0 or 1. */
    public static int signum(BigFraction x) {
        return x.getNumerator().signum();
    }

    /** Whether {@code x} is zero. */
    public static boolean isZero(BigFraction x) {
        return x.getNumerator().signum() == 0;
    }

    /** The larger of {@code a} and {@code b} ({@code a} when equal). */
    public static BigFraction max(BigFraction a, BigFraction b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The smaller of {@code a} and {@code b} ({@code a} when equal). */
    public static BigFraction min(BigFraction a, BigFraction b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Least common multiple of two positive integers. */
    public static BigInteger lcm(BigInteger a, BigInteger b) {
        return a.divide(a.gcd(b)).multiply(b);
    }

    /** Least common multiple of the denominators of {@code xs} (1 for an empty array). */
    public static BigInteger commonDenominator(BigFraction... xs) {
        BigInteger d = BigInteger.ONE;
        for (BigFraction x : xs) {
            BigInteger q = x.getDenominator();
            if (!q.equals(BigInteger.ONE) && !d.mod(q).equals(BigInteger.ZERO)) {
                d = lcm(d, q);
            }
        }
        return d;
    }

    /** The numerator of {@code x} over the denominator {@code den}, which must be a multiple of x's. */
    public static BigInteger numeratorOver(BigFraction x, BigInteger den) {
        return x.getNumerator().multiply(den.divide(x.getDenominator()));
    }
}
