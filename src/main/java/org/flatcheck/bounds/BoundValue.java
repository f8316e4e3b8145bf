package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The value of a generalization-bound term (docs/definitions.md §bounds): {@link Numeric} (a decimal with its stated
 * precision — bound terms take square roots, logarithms and fractional powers, so they are never
 * claimed exact) or {@link Undefined} (with the reason: a network outside the term's
 * setting, a kink, a skipped Hessian).
 */
public sealed interface BoundValue permits BoundValue.Numeric, BoundValue.Undefined {
    /**
     * A numeric value: {@code value} is the term rounded to {@code digits} significant digits; every
     * input that is rational was computed exactly and only the final transcendental steps were done in
     * {@link BigDecimal} with guard digits, so the error is below one unit in the last digit.
     * {@code precision} says so in words.
     */
    record Numeric(BigDecimal value, int digits, String precision) implements BoundValue {
        public Numeric {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(precision, "precision");
            if (digits < 1) {
                throw new IllegalArgumentException("digits must be positive");
            }
        }

        /**
         * Decimal text with all {@code digits} significant digits (trailing zeros kept: they are digits of
         * the result), scientific only for very large or small magnitudes.
         */
        public String text() {
            int exponent = value.precision() - value.scale() - 1;
            return value.signum() != 0 && Math.abs(exponent) >= 15 ? value.toString() : value.toPlainString();
        }

        /**
         * Whether this and {@code other} agree to the stated precision: they differ by at most two units
         * in the last digit of the larger (each is within one unit of the truth).
         */
        public boolean agreesWith(Numeric other) {
            return value.subtract(other.value).abs().compareTo(ulps(other, 2)) <= 0;
        }

        /** Whether this and {@code other} certainly differ: by more than ten units in the last digit. */
        public boolean certainlyDiffersFrom(Numeric other) {
            return value.subtract(other.value).abs().compareTo(ulps(other, 10)) > 0;
        }

        private BigDecimal ulps(Numeric other, int k) {
            BigDecimal larger = value.abs().max(other.value.abs());
            int d = Math.min(digits, other.digits);
            if (larger.signum() == 0) {
                return BigDecimal.ZERO;
            }
            int exponent = larger.precision() - larger.scale() - 1;
            return BigDecimal.valueOf(k).scaleByPowerOfTen(exponent - d + 1);
        }
    }

    /** The term has no value here; {@code reason} says why. */
    record Undefined(String reason) implements BoundValue {
        public Undefined {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Readable text: the decimal with "(numeric, K digits)", or {@code undefined: reason}. */
    default String describe() {
        if (this instanceof Numeric n) {
            return n.text() + "  (numeric, " + n.digits() + " significant digits)";
        }
        return "undefined: " + ((Undefined) this).reason();
    }
}
