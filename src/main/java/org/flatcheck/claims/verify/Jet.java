package org.flatcheck.claims.verify;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * A second-order truncated Taylor series {@code a₀ + a₁t + a₂t²} with exact rational coefficients:
 * forward-mode differentiation to second order. Pushing {@code θ + t·u} through a polynomial gives
 * {@code a₁ = uᵀ∇} and {@code 2a₂ = uᵀ∇²u} of it at {@code t = 0}, exactly, by a route that shares
 * nothing with the fraction-free backward passes of {@code calculus}.
 */
record Jet(BigFraction a0, BigFraction a1, BigFraction a2) {
    static final Jet ZERO = constant(BigFraction.ZERO);
    static final Jet ONE = constant(BigFraction.ONE);

    static Jet constant(BigFraction c) {
        return new Jet(c, BigFraction.ZERO, BigFraction.ZERO);
    }

    /** {@code c + d·t}. */
    static Jet line(BigFraction c, BigFraction d) {
        return new Jet(c, d, BigFraction.ZERO);
    }

    /** Whether the series is a constant (its t and t² coefficients are 0). */
    boolean isConstant() {
        return Q.isZero(a1) && Q.isZero(a2);
    }

    Jet add(Jet o) {
        if (o.isConstant()) {
            return new Jet(a0.add(o.a0), a1, a2);
        }
        if (isConstant()) {
            return new Jet(a0.add(o.a0), o.a1, o.a2);
        }
        return new Jet(a0.add(o.a0), a1.add(o.a1), a2.add(o.a2));
    }

    Jet subtract(Jet o) {
        return new Jet(a0.subtract(o.a0), a1.subtract(o.a1), a2.subtract(o.a2));
    }

    Jet multiply(Jet o) {
        // A constant factor scales the other series: the same coefficients, fewer products.
        if (o.isConstant()) {
            return scale(o.a0);
        }
        if (isConstant()) {
            return o.scale(a0);
        }
        return new Jet(a0.multiply(o.a0), a0.multiply(o.a1).add(a1.multiply(o.a0)),
                a0.multiply(o.a2).add(a1.multiply(o.a1)).add(a2.multiply(o.a0)));
    }

    Jet scale(BigFraction c) {
        return isConstant() ? constant(a0.multiply(c)) : new Jet(a0.multiply(c), a1.multiply(c), a2.multiply(c));
    }

    /** The second derivative at 0, {@code 2a₂}. */
    BigFraction second() {
        return a2.multiply(2);
    }
}
