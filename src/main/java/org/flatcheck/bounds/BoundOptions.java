package org.flatcheck.bounds;

import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Options;

/**
 * Settings of the bound terms: the confidence parameter {@code δ ∈ (0, 1)} (default 1/20), the number
 * of significant digits of the printed values (default 30), and the {@link Options} of the catalog
 * measures that a term reuses.
 */
public record BoundOptions(BigFraction delta, int digits, Options measureOptions) {
    /** δ = 1/20, 30 digits, default measure options. */
    public static final BoundOptions DEFAULTS = new BoundOptions(Q.of(1, 20), 30, Options.DEFAULTS);

    /** Guard digits of the working precision beyond the printed ones. */
    static final int GUARD = 10;

    public BoundOptions {
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(measureOptions, "measureOptions");
        if (delta.compareTo(BigFraction.ZERO) <= 0 || delta.compareTo(BigFraction.ONE) >= 0) {
            throw new IllegalArgumentException("δ must lie in (0, 1)");
        }
        if (digits < 1 || digits > 1000) {
            throw new IllegalArgumentException("digits must be between 1 and 1000");
        }
    }

    public BoundOptions withDelta(BigFraction d) {
        return new BoundOptions(d, digits, measureOptions);
    }

    public BoundOptions withDigits(int k) {
        return new BoundOptions(delta, k, measureOptions);
    }

    public BoundOptions withMeasureOptions(Options o) {
        return new BoundOptions(delta, digits, o);
    }

    /** The working precision: {@link #digits} plus {@link #GUARD} guard digits. */
    MathContext working() {
        return new MathContext(digits + GUARD, RoundingMode.HALF_EVEN);
    }

    /** A numeric value rounded to {@link #digits} significant digits, with the standard precision text. */
    BoundValue.Numeric numeric(java.math.BigDecimal workingValue, String exactInputs) {
        return new BoundValue.Numeric(workingValue.round(new MathContext(digits, RoundingMode.HALF_EVEN)), digits,
                digits + " significant digits (error below one unit in the last digit): " + exactInputs
                        + " exact; sqrt, ln, exp in BigDecimal with " + (digits + GUARD) + "-digit working precision");
    }
}
