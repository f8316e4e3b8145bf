package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * An immutable polynomial with integer coefficients, {@code c₀ + c₁x + … + c_d x^d}. Rational
 * polynomials enter through {@link #clearingDenominators}, which keeps the roots. Division-based
 * operations are fraction-free: pseudo-remainders and primitive parts (Gauss's lemma).
 */
public final class Polynomial {
    /** The zero polynomial; its degree is -1. */
    public static final Polynomial ZERO = new Polynomial(new BigInteger[0]);

    private final BigInteger[] c;

    private Polynomial(BigInteger[] coefficients) {
        int d = coefficients.length - 1;
        while (d >= 0 && coefficients[d].signum() == 0) {
            d--;
        }
        this.c = d == coefficients.length - 1 ? coefficients : Arrays.copyOf(coefficients, d + 1);
    }

    /** From coefficients in ascending order of degree (copied). */
    public static Polynomial ofAscending(BigInteger... coefficients) {
        return new Polynomial(coefficients.clone());
    }

    /** From rational coefficients, leading first, multiplied by the lcm of their denominators. */
    public static Polynomial clearingDenominators(BigFraction... leadingFirst) {
        BigInteger den = Q.commonDenominator(leadingFirst);
        BigInteger[] asc = new BigInteger[leadingFirst.length];
        for (int i = 0; i < leadingFirst.length; i++) {
            asc[leadingFirst.length - 1 - i] = Q.numeratorOver(leadingFirst[i], den);
        }
        return new Polynomial(asc);
    }

    /** The degree; -1 for the zero polynomial. */
    public int degree() {
        return c.length - 1;
    }

    public boolean isZero() {
        return c.length == 0;
    }

    /** The coefficient of {@code x^k} (0 beyond the degree). */
    public BigInteger coefficient(int k) {
        return k < c.length ? c[k] : BigInteger.ZERO;
    }

    /** The leading coefficient (0 for the zero polynomial). */
    public BigInteger leading() {
        return c.length == 0 ? BigInteger.ZERO : c[c.length - 1];
    }

    /** The sign of {@code p(x)} for a rational {@code x}, evaluated exactly without fractions. */
    public int signAt(BigFraction x) {
        return scaledValue(x.getNumerator(), x.getDenominator()).signum();
    }

    /**
     * {@code q^d · p(a/q)} for {@code q > 0}, {@code d = deg p}: the integer {@code Σ cₖ aᵏ q^(d−k)}, which
     * has the sign of {@code p(a/q)}. Powers of two in {@code q} become shifts.
     */
    BigInteger scaledValue(BigInteger a, BigInteger q) {
        int shift = q.bitCount() == 1 ? q.getLowestSetBit() : -1;
        BigInteger acc = BigInteger.ZERO;
        BigInteger qPow = BigInteger.ONE;
        int totalShift = 0;
        for (int k = c.length - 1; k >= 0; k--) {
            acc = acc.multiply(a);
            if (c[k].signum() != 0) {
                acc = acc.add(shift >= 0 ? c[k].shiftLeft(totalShift) : c[k].multiply(qPow));
            }
            if (shift >= 0) {
                totalShift += shift;
            } else {
                qPow = qPow.multiply(q);
            }
        }
        return acc;
    }

    /** {@code p(x)} exactly. */
    public BigFraction valueAt(BigFraction x) {
        BigFraction acc = BigFraction.ZERO;
        for (int k = c.length - 1; k >= 0; k--) {
            acc = acc.multiply(x).add(Q.of(c[k]));
        }
        return acc;
    }

    /** {@code p'}. */
    public Polynomial derivative() {
        if (c.length <= 1) {
            return ZERO;
        }
        BigInteger[] d = new BigInteger[c.length - 1];
        for (int k = 1; k < c.length; k++) {
            d[k - 1] = c[k].multiply(BigInteger.valueOf(k));
        }
        return new Polynomial(d);
    }

    public Polynomial negate() {
        BigInteger[] d = new BigInteger[c.length];
        for (int k = 0; k < c.length; k++) {
            d[k] = c[k].negate();
        }
        return new Polynomial(d);
    }

    /** The gcd of the coefficients, non-negative (0 for the zero polynomial). */
    public BigInteger content() {
        BigInteger g = BigInteger.ZERO;
        for (BigInteger x : c) {
            g = g.gcd(x);
            if (g.equals(BigInteger.ONE)) {
                break;
            }
        }
        return g;
    }

    /** {@code p / content(p)} with a positive leading coefficient. */
    public Polynomial primitivePart() {
        if (isZero()) {
            return this;
        }
        BigInteger g = content();
        if (leading().signum() < 0) {
            g = g.negate();
        }
        return divideCoefficients(g);
    }

    private Polynomial divideCoefficients(BigInteger g) {
        if (g.equals(BigInteger.ONE)) {
            return this;
        }
        BigInteger[] d = new BigInteger[c.length];
        for (int k = 0; k < c.length; k++) {
            d[k] = c[k].divide(g);
        }
        return new Polynomial(d);
    }

    /**
     * The pseudo-remainder {@code prem(p, q) = lc(q)^(deg p − deg q + 1) · p mod q}, an integer
     * polynomial of degree below {@code deg q}.
     */
    public Polynomial pseudoRemainder(Polynomial q) {
        return pseudoDivide(q)[1];
    }

    /** {@code [pquo, prem]} with {@code lc(q)^(deg p − deg q + 1) p = pquo · q + prem}. */
    private Polynomial[] pseudoDivide(Polynomial q) {
        if (q.isZero()) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        int dq = q.degree();
        if (degree() < dq) {
            return new Polynomial[] {ZERO, this};
        }
        BigInteger lc = q.leading();
        BigInteger[] r = c.clone();
        BigInteger[] quo = new BigInteger[degree() - dq + 1];
        Arrays.fill(quo, BigInteger.ZERO);
        for (int k = degree(); k >= dq; k--) {
            BigInteger t = r[k];
            for (int j = 0; j < quo.length; j++) {
                quo[j] = quo[j].multiply(lc);
            }
            quo[k - dq] = t;
            for (int j = 0; j <= k; j++) {
                r[j] = r[j].multiply(lc);
            }
            if (t.signum() != 0) {
                for (int j = 0; j <= dq; j++) {
                    r[k - dq + j] = r[k - dq + j].subtract(t.multiply(q.c[j]));
                }
            }
        }
        return new Polynomial[] {new Polynomial(quo), new Polynomial(Arrays.copyOf(r, dq))};
    }

    /** The exact quotient {@code p / q}; requires that {@code q} divides {@code p} in Z[x]. */
    public Polynomial divideExact(Polynomial q) {
        Polynomial[] qr = pseudoDivide(q);
        if (!qr[1].isZero()) {
            throw new ArithmeticException("not divisible");
        }
        int delta = degree() - q.degree() + 1;
        return qr[0].divideCoefficients(q.leading().pow(Math.max(delta, 0)));
    }

    /** The primitive gcd with positive leading coefficient (primitive PRS); gcd(0, 0) = 0. */
    public Polynomial gcd(Polynomial q) {
        Polynomial a = this.primitivePart();
        Polynomial b = q.primitivePart();
        if (a.degree() < b.degree()) {
            Polynomial t = a;
            a = b;
            b = t;
        }
        while (!b.isZero()) {
            Polynomial r = a.pseudoRemainder(b).primitivePart();
            a = b;
            b = r;
        }
        return a.primitivePart();
    }

    /**
     * Yun's square-free decomposition: {@code p = const · Π fᵢ^i} with every {@code fᵢ} square-free,
     * primitive and the {@code fᵢ} pairwise coprime. Entry {@code i-1} of the list is {@code fᵢ}
     * (possibly the constant 1); the list is empty for constants.
     *
     * <p>Yun (1976): with {@code g = gcd(p, p')}, {@code b = p/g}, {@code d = p'/g − b'}, repeat
     * {@code fᵢ = gcd(b, d)}, {@code b ← b/fᵢ}, {@code d ← d/fᵢ − b'}. Every division is by a primitive
     * divisor, hence exact in Z[x] (Gauss's lemma).
     */
    public List<Polynomial> squareFreeDecomposition() {
        List<Polynomial> out = new ArrayList<>();
        if (degree() < 1) {
            return out;
        }
        Polynomial a = primitivePart();
        Polynomial da = a.derivative();
        Polynomial g = a.gcd(da);
        Polynomial b = a.divideExact(g);
        Polynomial d = da.divideExact(g).subtract(b.derivative());
        while (b.degree() > 0) {
            Polynomial f = b.gcd(d);
            out.add(f);
            b = b.divideExact(f);
            d = d.divideExact(f).subtract(b.derivative());
        }
        return out;
    }

    /**
     * Whether {@code p} is certainly square-free: true if {@code gcd(p mod ℓ, p' mod ℓ) = 1} for a prime
     * {@code ℓ} not dividing the leading coefficient (a repeated factor over Q would survive reduction
     * mod such an ℓ). False means "not certified" — {@code p} may still be square-free.
     */
    public boolean isCertainlySquareFree() {
        if (degree() < 2) {
            return degree() >= 0;
        }
        for (int i = 0, tried = 0; tried < 3; i++) {
            int prime = Primes.descending31(i);
            BigInteger bp = BigInteger.valueOf(prime);
            if (leading().mod(bp).signum() == 0) {
                continue;
            }
            tried++;
            long[] a = new long[c.length];
            long[] b = new long[c.length - 1];
            for (int k = 0; k < c.length; k++) {
                a[k] = c[k].mod(bp).longValue();
                if (k > 0) {
                    b[k - 1] = c[k].multiply(BigInteger.valueOf(k)).mod(bp).longValue();
                }
            }
            if (degreeOfGcdMod(a, b, prime) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code p} and {@code q} certainly share no factor over Q: true if their reductions modulo a
     * prime dividing neither leading coefficient are coprime (a common factor over Q, taken primitive,
     * would reduce to a common factor of the same positive degree). False means "not certified".
     */
    public boolean isCertainlyCoprime(Polynomial q) {
        if (degree() < 1 || q.degree() < 1) {
            return degree() == 0 || q.degree() == 0;
        }
        for (int i = 0, tried = 0; tried < 2; i++) {
            int prime = Primes.descending31(i);
            BigInteger bp = BigInteger.valueOf(prime);
            if (leading().mod(bp).signum() == 0 || q.leading().mod(bp).signum() == 0) {
                continue;
            }
            tried++;
            if (degreeOfGcdMod(reduce(c, bp), reduce(q.c, bp), prime) == 0) {
                return true;
            }
        }
        return false;
    }

    private static long[] reduce(BigInteger[] coefficients, BigInteger bp) {
        long[] r = new long[coefficients.length];
        for (int k = 0; k < r.length; k++) {
            r[k] = coefficients[k].mod(bp).longValue();
        }
        return r;
    }

    /** Degree of {@code gcd(a, b)} over F_p (ascending coefficient arrays), by Euclid. */
    private static int degreeOfGcdMod(long[] a, long[] b, int prime) {
        long p = prime;
        int da = degreeMod(a, a.length - 1);
        int db = degreeMod(b, b.length - 1);
        while (db >= 0) {
            long inv = Primes.inverse(b[db], prime);
            while (da >= db) {
                long f = a[da] * inv % p;
                int shift = da - db;
                for (int k = 0; k <= db; k++) {
                    a[k + shift] = Math.floorMod(a[k + shift] - f * b[k] % p, p);
                }
                da = degreeMod(a, da - 1);
            }
            long[] t = a;
            a = b;
            b = t;
            int dt = da;
            da = db;
            db = dt;
        }
        return da;
    }

    private static int degreeMod(long[] a, int from) {
        int d = from;
        while (d >= 0 && a[d] == 0) {
            d--;
        }
        return d;
    }

    /** {@code p − q}. */
    public Polynomial subtract(Polynomial q) {
        BigInteger[] d = new BigInteger[Math.max(c.length, q.c.length)];
        for (int k = 0; k < d.length; k++) {
            d[k] = coefficient(k).subtract(q.coefficient(k));
        }
        return new Polynomial(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial && Arrays.equals(c, ((Polynomial) o).c);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(c);
    }

    @Override
    public String toString() {
        if (isZero()) {
            return "0";
        }
        StringBuilder sb = new StringBuilder();
        for (int k = c.length - 1; k >= 0; k--) {
            if (c[k].signum() == 0) {
                continue;
            }
            sb.append(sb.length() == 0 ? (c[k].signum() < 0 ? "-" : "") : (c[k].signum() < 0 ? " - " : " + "));
            BigInteger a = c[k].abs();
            if (!a.equals(BigInteger.ONE) || k == 0) {
                sb.append(a);
            }
            if (k > 0) {
                sb.append(k == 1 ? "x" : "x^" + k);
            }
        }
        return sb.toString();
    }
}
