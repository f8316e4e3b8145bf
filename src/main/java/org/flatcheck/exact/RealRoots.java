package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Real roots of integer polynomials: certified isolation from numeric seeds, and refinement.
 *
 * <p>Seeded isolation: given approximations {@code μ₁ < … < μ_r} of the roots of a square-free
 * {@code q} of degree {@code r} whose roots are all real (the nonzero part of the characteristic
 * polynomial of a symmetric matrix), place rational separators {@code s₀ < μ₁ < s₁ < … < μ_r < s_r},
 * with {@code s₀}, {@code s_r} beyond Cauchy's bound. If {@code q(sᵢ)} alternate strictly in sign, each
 * of the {@code r} intervals holds a root by the intermediate value theorem, hence exactly one, since
 * {@code q} has {@code r} roots. The seeds need not be right for this to be sound: a bad seed only makes
 * the check fail, and the caller falls back to {@link Sturm}.
 */
final class RealRoots {
    private RealRoots() {
    }

    /** Isolating intervals {@code [sᵢ₋₁, sᵢ]}, ascending, or empty if the separators do not alternate. */
    static Optional<List<Interval>> isolateBySeeds(Polynomial q, BigFraction[] seeds) {
        int r = q.degree();
        if (seeds.length != r) {
            return Optional.empty();
        }
        BigFraction bound = Q.of(Sturm.cauchyBound(q));
        BigFraction[] s = new BigFraction[r + 1];
        s[0] = bound.negate();
        s[r] = bound;
        for (int i = 1; i < r; i++) {
            BigFraction a = seeds[i - 1];
            BigFraction b = seeds[i];
            if (a.compareTo(b) >= 0) {
                return Optional.empty();
            }
            s[i] = a.add(b).divide(2);
        }
        int last = q.signAt(s[0]);
        for (int i = 1; i <= r; i++) {
            if (s[i].compareTo(s[i - 1]) <= 0) {
                return Optional.empty();
            }
            int sign = q.signAt(s[i]);
            if (sign == 0 || sign == last || last == 0) {
                return Optional.empty();
            }
            last = sign;
        }
        List<Interval> out = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            out.add(Interval.of(s[i], s[i + 1]));
        }
        return Optional.of(out);
    }

    /**
     * Shrinks an interval {@code [lo, hi]} around a simple root of {@code p}, with {@code p(lo)} and
     * {@code p(hi)} of opposite signs, to width at most {@code width}: first around the numeric
     * {@code seed} (may be null) if it brackets the root there, then by Newton steps and bisection on
     * the sign of {@code p}. Returns a
     * point interval when the root is rational and found: a tested point, or the simplest rational
     * in the final interval, is the root exactly. A rational root {@code r/s} with
     * {@code s² < 1/width} is always found (it is then the simplest rational in any interval of that
     * width around it); one with a larger denominator may be returned as an interval.
     */
    static Interval refine(Polynomial p, Interval isolating, BigFraction width, BigFraction seed) {
        BigFraction lo = isolating.lo();
        BigFraction hi = isolating.hi();
        int sLo = p.signAt(lo);
        if (sLo == 0 || sLo == p.signAt(hi)) {
            throw new IllegalArgumentException("not an isolating interval of a simple root: " + isolating);
        }
        if (seed != null && !Q.isZero(seed)) {
            BigFraction delta = seed.abs().divide(BigInteger.ONE.shiftLeft(40));
            BigFraction a = seed.subtract(delta);
            BigFraction b = seed.add(delta);
            if (lo.compareTo(a) < 0 && a.compareTo(b) < 0 && b.compareTo(hi) < 0) {
                int sa = p.signAt(a);
                int sb = p.signAt(b);
                if (sa == sLo && sb != sLo && sb != 0) {
                    lo = a;
                    hi = b;
                }
            }
        }
        BigFraction[] bracket = shrink(p, lo, hi, sLo, width);
        if (bracket.length == 1) {
            return inside(isolating, Interval.point(bracket[0]));
        }
        // Any two rationals in an interval of width w with denominators ≤ s differ by ≥ 1/s², so a
        // rational root with denominator s < w^(-1/2) is the simplest rational there.
        BigFraction simplest = simplestIn(bracket[0], bracket[1]);
        return inside(isolating, p.signAt(simplest) == 0 ? Interval.point(simplest) : Interval.of(bracket[0], bracket[1]));
    }

    /** The refinement never leaves the isolating interval; if it did, that is a bug, not a result. */
    private static Interval inside(Interval isolating, Interval r) {
        if (r.lo().compareTo(isolating.lo()) < 0 || r.hi().compareTo(isolating.hi()) > 0) {
            throw new IllegalStateException("refinement left its isolating interval: " + r + " ⊄ " + isolating);
        }
        return r;
    }

    /** Newton, then bisection, to width at most {@code width}; {@code [x]} if a tested point is the root. */
    private static BigFraction[] shrink(Polynomial p, BigFraction lo, BigFraction hi, int sLo, BigFraction width) {
        BigFraction[] bracket = newton(p, lo, hi, sLo, width);
        if (bracket.length == 1) {
            return bracket;
        }
        lo = bracket[0];
        hi = bracket[1];
        while (hi.subtract(lo).compareTo(width) > 0) {
            BigFraction mid = lo.add(hi).divide(2);
            int s = p.signAt(mid);
            if (s == 0) {
                return new BigFraction[] {mid};
            }
            if (s == sLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new BigFraction[] {lo, hi};
    }

    /**
     * Newton's method on dyadic iterates whose precision doubles each step; every step proposes the
     * bracket {@code [x − w/2, x + w/2] ∩ [lo, hi]}, accepted only if {@code p} changes sign across it
     * (then the unique root of {@code [lo, hi]} is inside). Returns the tightest accepted bracket, or
     * {@code [x]} if an iterate is the root exactly. Bisection finishes whatever Newton leaves.
     */
    private static BigFraction[] newton(Polynomial p, BigFraction lo, BigFraction hi, int sLo, BigFraction width) {
        Polynomial dp = p.derivative();
        BigFraction half = width.divide(2);
        int bits = Math.max(8, 2 - Math.min(0, log2Floor(hi.subtract(lo))));
        int target = 4 - log2Floor(width);
        BigFraction x = roundDyadic(lo.add(hi).divide(2), bits);
        for (int step = 0; step < 12 && hi.subtract(lo).compareTo(width) > 0; step++) {
            BigInteger scale = BigInteger.ONE.shiftLeft(bits);
            BigInteger a = x.multiply(scale).getNumerator();
            BigInteger v = p.scaledValue(a, scale);
            if (v.signum() == 0 && lo.compareTo(x) <= 0 && x.compareTo(hi) <= 0) {
                // A root inside [lo, hi] is the root; Newton may also land exactly on another root of p
                // outside the interval, which says nothing about this one.
                return new BigFraction[] {x};
            }
            BigInteger r = dp.scaledValue(a, scale);
            if (r.signum() == 0) {
                break;
            }
            // x − p(x)/p'(x) = (a·R − V) / (2^s·R) with V = 2^(sd) p(x), R = 2^(s(d−1)) p'(x).
            bits = Math.max(8, Math.min(2 * bits, Math.max(8, target)));
            BigFraction next = Q.of(a.multiply(r).subtract(v), scale.multiply(r));
            x = roundDyadic(next, bits);
            if (x.compareTo(lo) < 0 || x.compareTo(hi) > 0) {
                x = roundDyadic(lo.add(hi).divide(2), bits); // Newton left the bracket: restart inside it
            }
            BigFraction a1 = Q.max(lo, x.subtract(half));
            BigFraction b1 = min(hi, x.add(half));
            if (a1.compareTo(b1) < 0) {
                int sa = p.signAt(a1);
                int sb = p.signAt(b1);
                if (sa == 0) {
                    return new BigFraction[] {a1};
                }
                if (sb == 0) {
                    return new BigFraction[] {b1};
                }
                if (sa == sLo && sb != sLo) {
                    lo = a1;
                    hi = b1;
                }
            }
        }
        return new BigFraction[] {lo, hi};
    }

    /** {@code floor(log2 |x|)} for {@code x ≠ 0}, within one. */
    private static int log2Floor(BigFraction x) {
        return x.getNumerator().abs().bitLength() - x.getDenominator().bitLength();
    }

    private static BigFraction roundDyadic(BigFraction x, int bits) {
        BigInteger scaled = x.getNumerator().shiftLeft(bits).divide(x.getDenominator());
        return Q.of(scaled, BigInteger.ONE.shiftLeft(bits));
    }

    private static BigFraction min(BigFraction a, BigFraction b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * The rational with the smallest denominator (then smallest absolute numerator) in
     * {@code [lo, hi]}, by the continued-fraction (Stern–Brocot) descent, iteratively: with
     * {@code f = ⌊lo⌋}, the answer is {@code lo} if it is an integer, {@code f + 1} if that is
     * {@code ≤ hi}, else {@code f + 1/y} with {@code y} the simplest rational in
     * {@code [1/(hi − f), 1/(lo − f)]}; convergents {@code h/k} accumulate the partial quotients.
     */
    static BigFraction simplestIn(BigFraction lo, BigFraction hi) {
        if (lo.getNumerator().signum() <= 0 && hi.getNumerator().signum() >= 0) {
            return BigFraction.ZERO;
        }
        if (hi.getNumerator().signum() < 0) {
            return simplestIn(hi.negate(), lo.negate()).negate();
        }
        BigInteger h0 = BigInteger.ZERO;
        BigInteger h1 = BigInteger.ONE;
        BigInteger k0 = BigInteger.ONE;
        BigInteger k1 = BigInteger.ZERO;
        while (true) {
            BigInteger floor = lo.getNumerator().divide(lo.getDenominator());
            BigInteger tail = null;
            if (lo.getDenominator().equals(BigInteger.ONE)) {
                tail = floor;
            } else if (Q.of(floor.add(BigInteger.ONE)).compareTo(hi) <= 0) {
                tail = floor.add(BigInteger.ONE);
            }
            if (tail != null) {
                return Q.of(tail.multiply(h1).add(h0), tail.multiply(k1).add(k0));
            }
            BigInteger h = floor.multiply(h1).add(h0);
            BigInteger k = floor.multiply(k1).add(k0);
            h0 = h1;
            h1 = h;
            k0 = k1;
            k1 = k;
            BigFraction f = Q.of(floor);
            BigFraction nextLo = hi.subtract(f).reciprocal();
            hi = lo.subtract(f).reciprocal();
            lo = nextLo;
        }
    }
}
