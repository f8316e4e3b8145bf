package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Refinement of one isolated eigenvalue of a symmetric rational matrix {@code H = M/d} by the Kato–Temple
 * inequality with an exact rational residual (proofs/certified-spectrum.md §refinement).
 *
 * <p><b>Kato–Temple</b> (Kato 1949; Temple 1928; Parlett, <i>The Symmetric Eigenvalue Problem</i>, SIAM 1998,
 * §10.5): for any {@code x ≠ 0} with Rayleigh quotient {@code ρ = xᵀHx/xᵀx} and residual norm
 * {@code ε = ‖Hx − ρx‖/‖x‖}, if the open interval {@code (α, β)} contains exactly one eigenvalue λ of H and
 * {@code α < ρ < β}, then {@code ρ − ε²/(β − ρ) ≤ λ ≤ ρ + ε²/(ρ − α)}; with {@code α = −∞} (λ the smallest
 * eigenvalue) the upper end is ρ itself, with {@code β = +∞} the lower end (Rayleigh: λ_min ≤ ρ ≤ λ_max). Every quantity is computed exactly
 * from an integer vector {@code X} (x up to a power of two): with {@code S = XᵀX}, {@code p = XᵀMX},
 * {@code ρ = p/(dS)} and {@code R = S·MX − p·X}, {@code ε² = ‖R‖²/(d²S³)}. So the bound holds whatever x is;
 * x only decides how tight it is. x starts as the double eigenvector and is improved by NUMERIC first-order
 * corrections {@code x ← x + Σ_{j≠k} v_j v_jᵀ r /(λ̂_k − λ̂_j)} (for {@code x = v_k + Σ c_j v_j},
 * {@code r ≈ Σ c_j (λ_j − λ_k) v_j}) with the residual r rounded from its exact
 * value, each applied exactly (x stays an exact dyadic vector); ε shrinks by roughly the double precision
 * per correction, and the width {@code ε²(1/(β − ρ) + 1/(ρ − α))} with its square. When the double eigenvectors
 * are too inexact for that (an eigenvalue small against ‖H‖), exact inverse iteration takes over.
 */
final class KatoTemple {
    /** Corrections tried before giving up on reaching the width (each gains roughly 15 digits of ε). */
    static final int MAX_CORRECTIONS = 12;

    private KatoTemple() {
    }

    /**
     * An interval of width ≤ {@code width} holding the k-th smallest eigenvalue of {@code h}, which must be
     * the only eigenvalue in {@code (alpha, beta)} (null for ∓∞); empty if the width was not reached.
     */
    static Optional<Interval> refine(QMatrix h, EigenEnclosure enc, int k, BigFraction alpha, BigFraction beta,
            BigFraction width) {
        return tightest(h, enc, k, alpha, beta, width).filter(i -> i.width().compareTo(width) <= 0);
    }

    /**
     * The tightest Kato–Temple interval found while aiming at {@code width} (it may be wider), or empty if ρ never
     * fell inside {@code (alpha, beta)}.
     */
    static Optional<Interval> tightest(QMatrix h, EigenEnclosure enc, int k, BigFraction alpha, BigFraction beta,
            BigFraction width) {
        int n = h.rows();
        double[] x0 = enc.approximateEigenvector(k);
        double max = 0;
        for (double v : x0) {
            max = Math.max(max, Math.abs(v));
        }
        if (!(max > 0)) {
            return Optional.empty();
        }
        // X = x·2^−e as integers, dropping entries below 2⁻⁸⁰ of the largest (any x is allowed)
        int e = Math.getExponent(max) - 80;
        BigInteger[] x = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.abs(x0[i]) < Math.scalb(max, -80) ? BigInteger.ZERO
                    : new java.math.BigDecimal(Math.scalb(x0[i], -e)).toBigInteger();
        }
        BigInteger d = h.denominator();
        Interval best = null;
        for (int step = 0; step <= MAX_CORRECTIONS; step++) {
            BigInteger[] mx = times(h, x);
            BigInteger s = dot(x, x);
            BigInteger p = dot(x, mx);
            BigFraction rho = Q.of(p, d.multiply(s));
            BigInteger[] r = new BigInteger[n];
            BigInteger rr = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                r[i] = s.multiply(mx[i]).subtract(p.multiply(x[i]));
                rr = rr.add(r[i].multiply(r[i]));
            }
            BigFraction eps2 = Q.of(rr, d.multiply(d).multiply(s.pow(3)));
            boolean inside = (alpha == null || alpha.compareTo(rho) < 0) && (beta == null || rho.compareTo(beta) < 0);
            if (inside) {
                // with no eigenvalue above (below) λ, λ = λ_max ≥ ρ (λ = λ_min ≤ ρ): Rayleigh's bound
                BigFraction lo = beta == null ? rho : rho.subtract(eps2.divide(beta.subtract(rho)));
                BigFraction hi = alpha == null ? rho : rho.add(eps2.divide(rho.subtract(alpha)));
                {
                    Interval i = outward(lo, hi, width);
                    if (best == null || i.width().compareTo(best.width()) < 0) {
                        best = i;
                    }
                    if (best.width().compareTo(width) <= 0) {
                        return Optional.of(best);
                    }
                }
            }
            if (step == MAX_CORRECTIONS) {
                Interval fallback = inverseIteration(h, x, alpha, beta, width);
                if (fallback != null && (best == null || fallback.width().compareTo(best.width()) < 0)) {
                    best = fallback;
                }
                break;
            }
            // NUMERIC correction from the residual Hx − ρx = R/(dS) (in units of X), applied exactly
            double[] rd = new double[n];
            BigInteger ds = d.multiply(s);
            for (int i = 0; i < n; i++) {
                rd[i] = Q.of(r[i], ds).doubleValue();
            }
            double[] delta = enc.correction(k, rd);
            int g = 0;
            for (double v : delta) {
                if (v != 0 && Double.isFinite(v)) {
                    g = Math.min(g, Math.getExponent(v) - 60);
                }
            }
            for (int i = 0; i < n; i++) {
                BigInteger shifted = x[i].shiftLeft(-g);
                BigInteger dv = Double.isFinite(delta[i]) ? new java.math.BigDecimal(Math.scalb(delta[i], -g)).toBigInteger() : BigInteger.ZERO;
                x[i] = shifted.add(dv);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Steps of exact inverse iteration after the corrections (each at least squares the error once ρ is close). */
    static final int INVERSE_STEPS = 8;
    /** Above this order the exact solves of inverse iteration are not tried. */
    static final int INVERSE_MAX_ORDER = 200;

    /**
     * The fallback when the double eigenvectors are too inexact for the corrections to converge (an eigenvalue
     * small against ‖H‖, which the double decomposition resolves only to about ε‖H‖): exact inverse iteration
     * {@code (H − σI) y = x} with σ the current Rayleigh quotient rounded to a short dyadic, y rounded back to an
     * integer vector with enough bits; every iterate is judged by the same exact Kato–Temple bound, so the
     * rounding affects only tightness. The tightest interval found, or null.
     */
    private static Interval inverseIteration(QMatrix h, BigInteger[] x0, BigFraction alpha, BigFraction beta, BigFraction width) {
        int n = h.rows();
        if (n > INVERSE_MAX_ORDER) {
            return null;
        }
        BigInteger d = h.denominator();
        int bits = Math.max(128, 2 * (width.getDenominator().bitLength() - width.getNumerator().bitLength())
                + 4 * d.bitLength() + 64);
        BigInteger[] x = x0.clone();
        Interval best = null;
        for (int step = 0; step < INVERSE_STEPS; step++) {
            BigInteger[] mx = times(h, x);
            BigInteger s = dot(x, x);
            if (s.signum() == 0) {
                return best;
            }
            BigInteger p = dot(x, mx);
            BigFraction rho = Q.of(p, d.multiply(s));
            BigInteger rr = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                BigInteger r = s.multiply(mx[i]).subtract(p.multiply(x[i]));
                rr = rr.add(r.multiply(r));
            }
            BigFraction eps2 = Q.of(rr, d.multiply(d).multiply(s.pow(3)));
            if ((alpha == null || alpha.compareTo(rho) < 0) && (beta == null || rho.compareTo(beta) < 0)) {
                BigFraction lo = beta == null ? rho : rho.subtract(eps2.divide(beta.subtract(rho)));
                BigFraction hi = alpha == null ? rho : rho.add(eps2.divide(rho.subtract(alpha)));
                Interval i = outward(lo, hi, width);
                if (best == null || i.width().compareTo(best.width()) < 0) {
                    best = i;
                }
                if (best.width().compareTo(width) <= 0 || rr.signum() == 0) {
                    return best;
                }
            }
            // σ: ρ to about 64 bits beyond its integer part (a short shift; any σ is allowed)
            BigFraction sigma = Q.dyadic(rho, 64, false);
            BigFraction[][] shifted = h.toArray();
            for (int i = 0; i < n; i++) {
                shifted[i][i] = shifted[i][i].subtract(sigma);
            }
            BigFraction[] xs = new BigFraction[n];
            for (int i = 0; i < n; i++) {
                xs[i] = Q.of(x[i]);
            }
            java.util.Optional<QVector> y = Bareiss.solve(QMatrix.of(shifted), QVector.of(xs));
            if (y.isEmpty()) {
                return best; // σ is an eigenvalue: ρ was within 2⁻⁶⁴ of it, the interval above is as good as it gets
            }
            BigInteger[] num = y.get().numerators();
            BigInteger max = BigInteger.ZERO;
            for (BigInteger v : num) {
                max = max.max(v.abs());
            }
            int shift = max.bitLength() - bits;
            for (int i = 0; i < n; i++) {
                x[i] = shift > 0 ? num[i].shiftRight(shift) : num[i].shiftLeft(-shift);
            }
        }
        return best;
    }

    /**
     * {@code [lo, hi]} widened outward to dyadic ends with about {@code log₂(1/width) + 8} fractional bits, to keep
     * the printed fractions short; still contains {@code [lo, hi]}.
     */
    private static Interval outward(BigFraction lo, BigFraction hi, BigFraction width) {
        int bits = (int) Math.min(1_000_000, width.getDenominator().bitLength() - width.getNumerator().bitLength() + 8);
        BigInteger scale = BigInteger.ONE.shiftLeft(Math.max(bits, 8));
        BigInteger l = floor(lo.multiply(Q.of(scale)));
        BigInteger u = floor(hi.multiply(Q.of(scale))).add(BigInteger.ONE);
        return Interval.of(Q.of(l, scale), Q.of(u, scale));
    }

    private static BigInteger floor(BigFraction x) {
        BigInteger[] qr = x.getNumerator().divideAndRemainder(x.getDenominator());
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    private static BigInteger[] times(QMatrix h, BigInteger[] x) {
        int n = x.length;
        BigInteger[] out = new BigInteger[n];
        for (int i = 0; i < n; i++) {
            BigInteger s = BigInteger.ZERO;
            for (int j = 0; j < n; j++) {
                BigInteger m = h.numerator(i, j);
                if (m.signum() != 0 && x[j].signum() != 0) {
                    s = s.add(m.multiply(x[j]));
                }
            }
            out[i] = s;
        }
        return out;
    }

    private static BigInteger dot(BigInteger[] a, BigInteger[] b) {
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i < a.length; i++) {
            s = s.add(a[i].multiply(b[i]));
        }
        return s;
    }
}
