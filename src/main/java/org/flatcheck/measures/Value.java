package org.flatcheck.measures;

import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;

/**
 * The value of a measure (docs/ARCHITECTURE.md §6): {@link Exact} (a rational), {@link Certified} (an interval that
 * provably contains the truth, and, when the truth is an algebraic number known exactly, that
 * number), {@link Unbounded} (with the proof that says so) or {@link Undefined} (with the reason).
 */
public sealed interface Value permits Value.Exact, Value.Certified, Value.Numeric, Value.Unbounded, Value.Undefined {
    /** An exact rational value. */
    record Exact(BigFraction value) implements Value {
        public Exact {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A certified value: the truth lies in {@code interval}. {@code exact} is the algebraic number itself
     * when known (eigenvalues), which makes equality decidable; otherwise null (bounds from an
     * optimisation or a witness), and {@code note} says how the ends were obtained; {@code witness} is the
     * point (parameters) whose exact value gives the lower end, or empty.
     */
    record Certified(Interval interval, AlgebraicNumber exact, String note, List<BigFraction> witness) implements Value {
        public Certified {
            Objects.requireNonNull(interval, "interval");
            witness = witness == null ? List.of() : List.copyOf(witness);
        }

        public Certified(Interval interval, AlgebraicNumber exact, String note) {
            this(interval, exact, note, List.of());
        }
    }

    /**
     * A numeric value: {@code value} is computed exactly, but it is an approximation of the measure
     * (e.g. a second-order Taylor surrogate); {@code precision} says what is approximated and how.
     */
    record Numeric(BigFraction value, String precision) implements Value {
        public Numeric {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(precision, "precision");
        }
    }

    /** The value is +∞ (or the supremum is not finite); {@code proof} names the argument. */
    record Unbounded(String proof) implements Value {
    }

    /** The measure has no value here; {@code reason} says why. */
    record Undefined(String reason) implements Value {
    }

    /** The exact rational {@code x}. */
    static Value exact(BigFraction x) {
        return new Exact(x);
    }

    /** The algebraic number {@code x}, printed as an interval of width at most {@code width}. */
    static Value algebraic(AlgebraicNumber x, BigFraction width) {
        return new Certified(x.approximate(width), x, null);
    }

    /**
     * Whether two values are provably equal (exact equality of rationals or algebraic numbers, or the
     * same unbounded/undefined kind).
     */
    default boolean provablyEqual(Value other) {
        if (this instanceof Exact a && other instanceof Exact b) {
            return a.value().equals(b.value());
        }
        if (this instanceof Numeric a && other instanceof Numeric b) {
            return a.value().equals(b.value());
        }
        AlgebraicNumber x = exactOf(this);
        AlgebraicNumber y = exactOf(other);
        if (x != null && y != null) {
            return x.isEqualTo(y);
        }
        return this instanceof Unbounded && other instanceof Unbounded
                || this instanceof Undefined && other instanceof Undefined;
    }

    /** Whether two values are provably different (different exact values, or disjoint intervals). */
    default boolean provablyDifferent(Value other) {
        if (this instanceof Numeric a && other instanceof Numeric b) {
            return !a.value().equals(b.value());
        }
        AlgebraicNumber x = exactOf(this);
        AlgebraicNumber y = exactOf(other);
        if (x != null && y != null) {
            return !x.isEqualTo(y);
        }
        Interval a = intervalOf(this);
        Interval b = intervalOf(other);
        if (a != null && b != null) {
            return a.hi().compareTo(b.lo()) < 0 || b.hi().compareTo(a.lo()) < 0;
        }
        return !getClass().equals(other.getClass()) && !(this instanceof Undefined) && !(other instanceof Undefined);
    }

    private static AlgebraicNumber exactOf(Value v) {
        if (v instanceof Exact e) {
            return AlgebraicNumber.rational(e.value());
        }
        return v instanceof Certified c ? c.exact() : null;
    }

    private static Interval intervalOf(Value v) {
        if (v instanceof Exact e) {
            return Interval.point(e.value());
        }
        return v instanceof Certified c ? c.interval() : null;
    }

    /** Readable text: {@code p/q}, {@code [lo, hi]}, {@code unbounded}, {@code undefined: reason}. */
    default String describe() {
        if (this instanceof Exact e) {
            return Q.format(e.value());
        }
        if (this instanceof Certified c) {
            if (c.interval().isPoint()) {
                return Q.format(c.interval().lo());
            }
            if (c.exact() != null) {
                return "≈ " + Q.approx(c.interval().midpoint(), 12) + " (certified)";
            }
            return "∈ [" + Q.approx(c.interval().lo(), 8) + ", " + Q.approx(c.interval().hi(), 8) + "]";
        }
        if (this instanceof Numeric n) {
            return "≈ " + Q.approx(n.value(), 12) + " (numeric)";
        }
        return this instanceof Unbounded ? "+∞ (unbounded)" : "undefined: " + ((Undefined) this).reason();
    }
}
