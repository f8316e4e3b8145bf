package org.flatcheck.io;

import org.apache.commons.math3.fraction.BigFraction;

/**
 * Limits on what an input file may make flatcheck compute with, set per run from the command line
 * ({@code --max-bits}). A number in a file whose numerator or denominator needs more bits is refused
 * with the flag's name — before it is parsed when its text alone is long enough to tell. The setting is
 * confined to the thread that makes it (and threads it starts): two runs in one JVM, or a library caller
 * on another thread, never see each other's limit.
 */
public final class InputLimits {
    /** Default of {@code --max-bits}: generous for exact decimals and for every float64 (at most 1075 bits). */
    public static final int DEFAULT_MAX_BITS = 10_000;

    private static final InheritableThreadLocal<Integer> MAX_BITS = new InheritableThreadLocal<>() {
        @Override
        protected Integer initialValue() {
            return DEFAULT_MAX_BITS;
        }
    };

    private InputLimits() {
    }

    /** Sets the limit for the current thread and the threads it starts from now on. */
    public static void setMaxBits(int bits) {
        if (bits < 64) {
            throw new IllegalArgumentException("--max-bits must be at least 64");
        }
        MAX_BITS.set(bits);
    }

    /** The limit in force on the current thread ({@link #DEFAULT_MAX_BITS} unless set). */
    public static int maxBits() {
        return MAX_BITS.get();
    }

    /**
     * A problem with the number's size, or null: text with more digits than {@code maxBits} allows
     * ({@code log₁₀ 2 ≈ 0.30103} digits per bit, so the check needs no parsing), or a parsed value whose
     * numerator or denominator is too long.
     */
    static String tooLong(String text) {
        int maxBits = maxBits();
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            digits += c >= '0' && c <= '9' ? 1 : 0;
        }
        return digits > maxBits * 0.30103 * 2 + 10 ? "has " + digits + " digits, above --max-bits " + maxBits : null;
    }

    static String tooLong(BigFraction x) {
        int maxBits = maxBits();
        int n = x.getNumerator().bitLength();
        int d = x.getDenominator().bitLength();
        if (n > maxBits || d > maxBits) {
            return "has a " + (n > maxBits ? "numerator" : "denominator") + " of " + Math.max(n, d)
                    + " bits, above --max-bits " + maxBits;
        }
        return null;
    }

    /** The fix for either problem. */
    static final String FIX = "raise --max-bits if the number is meant to be this long";
}
