package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The Sturm sequence of an integer polynomial and real-root isolation with it.
 *
 * <p>Sturm's theorem: with {@code p₀ = p}, {@code p₁ = p'}, {@code pᵢ₊₁ = −rem(pᵢ₋₁, pᵢ)}, the number of
 * distinct real roots of {@code p} in {@code (a, b]} is {@code V(a) − V(b)}, where {@code V(x)} counts
 * the sign changes of {@code p₀(x), p₁(x), …} (zeros skipped). Remainders are replaced by primitive
 * pseudo-remainders with the sign fixed so that each step multiplies by a positive constant, which
 * leaves every sign, and so the counts, unchanged.
 */
public final class Sturm {
    private final List<Polynomial> chain;

    private Sturm(List<Polynomial> chain) {
        this.chain = chain;
    }

    /** The Sturm sequence of {@code p}, which must not be the zero polynomial. */
    public static Sturm of(Polynomial p) {
        if (p.isZero()) {
            throw new IllegalArgumentException("Sturm sequence of the zero polynomial");
        }
        List<Polynomial> chain = new ArrayList<>();
        chain.add(p);
        Polynomial a = p;
        Polynomial b = p.derivative();
        while (!b.isZero()) {
            chain.add(b);
            Polynomial r = a.pseudoRemainder(b);
            // prem = lc(b)^δ·rem with δ = deg a − deg b + 1: the factor is negative iff lc(b) < 0 and δ odd.
            boolean negativeFactor = b.leading().signum() < 0 && (a.degree() - b.degree() + 1) % 2 == 1;
            r = negativeFactor ? r : r.negate();
            BigInteger content = r.content();
            a = b;
            b = content.signum() == 0 ? r : divide(r, content);
        }
        return new Sturm(List.copyOf(chain));
    }

    private static Polynomial divide(Polynomial r, BigInteger positive) {
        BigInteger[] asc = new BigInteger[r.degree() + 1];
        for (int k = 0; k < asc.length; k++) {
            asc[k] = r.coefficient(k).divide(positive);
        }
        return Polynomial.ofAscending(asc);
    }

    /** The sequence {@code p₀, p₁, …} (up to positive factors). */
    public List<Polynomial> chain() {
        return chain;
    }

    /** Sign changes of the sequence at {@code x}, zeros skipped. */
    public int signChanges(BigFraction x) {
        int changes = 0;
        int last = 0;
        for (Polynomial q : chain) {
            int s = q.signAt(x);
            if (s != 0) {
                if (last != 0 && s != last) {
                    changes++;
                }
                last = s;
            }
        }
        return changes;
    }

    /** Number of distinct real roots in {@code (a, b]}, {@code a < b}. */
    public int countRoots(BigFraction a, BigFraction b) {
        return signChanges(a) - signChanges(b);
    }

    /**
     * Disjoint intervals {@code [lo, hi]}, ascending, each holding exactly one distinct real root of
     * {@code p}, strictly inside: {@code p(lo) ≠ 0 ≠ p(hi)}.
     */
    public List<Interval> isolate() {
        Polynomial p = chain.get(0);
        List<Interval> out = new ArrayList<>();
        if (p.degree() < 1) {
            return out;
        }
        BigFraction bound = Q.of(cauchyBound(p));
        isolate(bound.negate(), bound, signChanges(bound.negate()), signChanges(bound), out);
        return out;
    }

    /**
     * Bisection by Sturm counts, with an explicit stack (left halves first, so the intervals come out
     * ascending): the depth is the number of bits separating the closest roots, which for large
     * coefficients runs into the thousands and would overflow the call stack if recursive.
     */
    private void isolate(BigFraction lo, BigFraction hi, int vLo, int vHi, List<Interval> out) {
        record Piece(BigFraction lo, BigFraction hi, int vLo, int vHi) {
        }
        java.util.ArrayDeque<Piece> todo = new java.util.ArrayDeque<>();
        todo.push(new Piece(lo, hi, vLo, vHi));
        while (!todo.isEmpty()) {
            Piece c = todo.pop();
            int n = c.vLo() - c.vHi();
            if (n == 0) {
                continue;
            }
            if (n == 1) {
                out.add(Interval.of(c.lo(), c.hi()));
                continue;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("root isolation interrupted");
            }
            BigFraction split = nonRootNearMidpoint(c.lo(), c.hi());
            int vSplit = signChanges(split);
            todo.push(new Piece(split, c.hi(), vSplit, c.vHi()));
            todo.push(new Piece(c.lo(), split, c.vLo(), vSplit));
        }
    }

    /** The midpoint, or if that is a root a nearby dyadic point inside {@code (lo, hi)} that is not. */
    private BigFraction nonRootNearMidpoint(BigFraction lo, BigFraction hi) {
        Polynomial p = chain.get(0);
        BigFraction mid = lo.add(hi).divide(2);
        BigFraction step = hi.subtract(lo).divide(8);
        BigFraction x = mid;
        while (p.signAt(x) == 0) {
            x = mid.add(step);
            step = step.divide(2);
        }
        return x;
    }

    /** A power of two strictly greater than the absolute value of every root (Cauchy's bound). */
    static BigInteger cauchyBound(Polynomial p) {
        // |x| < 1 + max |cₖ / c_d| ≤ 1 + max|cₖ| / |c_d|; round up to a power of two.
        BigInteger max = BigInteger.ZERO;
        for (int k = 0; k < p.degree(); k++) {
            max = max.max(p.coefficient(k).abs());
        }
        BigInteger quotient = max.divide(p.leading().abs()).add(BigInteger.TWO);
        return BigInteger.ONE.shiftLeft(quotient.bitLength());
    }
}
