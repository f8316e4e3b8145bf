package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * An immutable rational vector stored fraction-free: integer numerators over one positive common
 * denominator, reduced so that the denominator shares no factor with all numerators at once.
 */
public final class QVector {
    private final BigInteger[] num;
    private final BigInteger den;

    private QVector(BigInteger[] num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    /** {@code num[i] / den}; {@code den != 0}. The array is copied. */
    public static QVector of(BigInteger[] num, BigInteger den) {
        return reduced(num.clone(), den);
    }

    /** The vector of the given fractions. */
    public static QVector of(BigFraction... xs) {
        BigInteger den = Q.commonDenominator(xs);
        BigInteger[] num = new BigInteger[xs.length];
        for (int i = 0; i < xs.length; i++) {
            num[i] = Q.numeratorOver(xs[i], den);
        }
        return new QVector(num, den);
    }

    static QVector reduced(BigInteger[] num, BigInteger den) {
        Objects.requireNonNull(den, "den");
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        Content g = new Content(den);
        for (BigInteger x : num) {
            if (g.isOne()) {
                break;
            }
            g.add(Objects.requireNonNull(x, "entry"));
        }
        BigInteger sign = BigInteger.valueOf(den.signum());
        if (!g.isOne() || den.signum() < 0) {
            for (int i = 0; i < num.length; i++) {
                num[i] = g.divide(num[i]).multiply(sign);
            }
            den = g.divide(den).multiply(sign);
        }
        return new QVector(num, den);
    }

    public int size() {
        return num.length;
    }

    /** Entry {@code i} as a reduced fraction. */
    public BigFraction get(int i) {
        return Q.of(num[i], den);
    }

    /** The numerators over {@link #denominator()} (a copy). */
    public BigInteger[] numerators() {
        return num.clone();
    }

    /** The common denominator, positive. */
    public BigInteger denominator() {
        return den;
    }

    /** The entries as reduced fractions. */
    public BigFraction[] toArray() {
        BigFraction[] out = new BigFraction[num.length];
        for (int i = 0; i < num.length; i++) {
            out[i] = get(i);
        }
        return out;
    }

    /** {@code Σ vᵢ wᵢ}. */
    public BigFraction dot(QVector w) {
        if (w.size() != size()) {
            throw new IllegalArgumentException("size " + size() + " != " + w.size());
        }
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i < num.length; i++) {
            s = s.add(num[i].multiply(w.num[i]));
        }
        return Q.of(s, den.multiply(w.den));
    }

    /** {@code Σ vᵢ²}. */
    public BigFraction normSquared() {
        return dot(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QVector && den.equals(((QVector) o).den) && Arrays.equals(num, ((QVector) o).num);
    }

    @Override
    public int hashCode() {
        return 31 * den.hashCode() + Arrays.hashCode(num);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < num.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Q.format(get(i)));
        }
        return sb.append(']').toString();
    }
}
