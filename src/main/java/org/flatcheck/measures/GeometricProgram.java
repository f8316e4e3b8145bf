package org.flatcheck.measures;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.exact.ExpLog;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.numeric.LogSumExpMinimiser;

/**
 * A certified enclosure of the infimum of an unconstrained geometric program in log coordinates,
 * <pre>
 *   p* = inf_{u ∈ Rᵐ} F(u),   F(u) = Σₖ hₖ exp(eₖ·u),   hₖ ≥ 0 rational, eₖ ∈ Zᵐ,
 * </pre>
 * equivalently {@code inf_{x > 0} Σₖ hₖ Πᵢ xᵢ^eₖᵢ}.
 * <ul>
 *   <li><b>Upper end</b>: F at a positive rational point x (the numerical minimiser of
 *       {@link LogSumExpMinimiser}, each {@code exp uᵢ} rounded to a short dyadic), evaluated exactly.
 *       Any point is feasible, so this is sound whatever the quality of the minimisation.
 *   <li><b>Lower end</b>, by geometric-programming duality (Duffin, Peterson, Zener, <i>Geometric
 *       Programming</i>, 1967; Boyd, Kim, Vandenberghe, Hassibi, "A tutorial on geometric programming",
 *       Optim. Eng. 2007, §3): for every rational {@code δ ≥ 0} with
 *       {@code Σₖ δₖ = 1} and {@code Σₖ δₖ eₖ = 0}, the weighted AM–GM inequality over the terms with
 *       {@code δₖ > 0} (the others are ≥ 0) gives, at every u,
 *       <pre>
 *   F(u) ≥ Σ_{δₖ>0} δₖ · (hₖ e^{eₖ·u} / δₖ) ≥ Π_{δₖ>0} (hₖ e^{eₖ·u} / δₖ)^δₖ = Π_{δₖ>0} (hₖ/δₖ)^δₖ · e^{(Σ δₖ eₖ)·u}
 *        = Π_{δₖ>0} (hₖ/δₖ)^δₖ,
 *       </pre>
 *       so {@code p* ≥ exp Σ_{δₖ>0} δₖ ln(hₖ/δₖ)} (weak duality; the maximum over δ equals p*, strong
 *       duality). The δ used is the optimality condition made exact: at the numerical minimiser
 *       {@code δ̃ₖ ∝ hₖ exp(eₖ·u*)} satisfies {@code Σ δ̃ₖ eₖ ≈ 0}; rounded to multiples of 2^-44, it is projected
 *       exactly onto the affine set {@code Bδ = (0,…,0,1)} ({@code B} stacks the exponent rows and a row of
 *       ones) in the metric weighted by δ̃ — {@code δ = δ̃ − diag(δ̃) Bᵀy} with
 *       {@code (B diag(δ̃) Bᵀ) y = Bδ̃ − (0,…,0,1)}, solved by exact elimination — so that small weights
 *       move by small amounts; weights that come out negative are set to 0 and the projection repeated.
 *       The resulting δ is checked exactly for feasibility, and the bound is enclosed from below with
 *       directed rounding ({@link ExpLog}).
 *   <li>If no dual point exists, p* = 0 (Gordan's alternative: then some direction d has
 *       {@code eₖ·d < 0} for every {@code hₖ > 0}, so every term tends to 0 along it); the numerical
 *       iterate is such a direction when it has run off, and when it passes that exact check the
 *       enclosure is the point 0.
 * </ul>
 */
final class GeometricProgram {
    /** Working precision of the logarithms and the exponential of the dual bound. */
    private static final int BITS = 96;
    /** Dual weights are rounded to multiples of 2^-44 before the projection (smaller ones become 0). */
    private static final int WEIGHT_BITS = 44;

    private final BigFraction[] h;
    private final int[][] e;
    private final int dim;

    /** The program {@code Σₖ h[k] exp(e[k]·u)}, {@code u ∈ R^dim}; requires {@code h[k] ≥ 0}. */
    GeometricProgram(BigFraction[] h, int[][] e, int dim) {
        if (h.length != e.length) {
            throw new IllegalArgumentException(h.length + " coefficients but " + e.length + " exponent rows");
        }
        for (int k = 0; k < h.length; k++) {
            if (h[k].getNumerator().signum() < 0 || e[k].length != dim) {
                throw new IllegalArgumentException("term " + k + ": needs h ≥ 0 and " + dim + " exponents");
            }
        }
        this.h = h.clone();
        this.e = e.clone();
        this.dim = dim;
    }

    /** The enclosure of p* and how its lower end was obtained. */
    record Enclosure(Interval interval, String lowerEnd) {
    }

    /** {@code F} at the positive rational point x: {@code Σₖ hₖ Πᵢ xᵢ^eₖᵢ}, exactly. */
    BigFraction objective(BigFraction[] x) {
        BigFraction f = BigFraction.ZERO;
        for (int k = 0; k < h.length; k++) {
            if (Q.isZero(h[k])) {
                continue;
            }
            BigFraction t = h[k];
            for (int i = 0; i < dim; i++) {
                if (e[k][i] != 0) {
                    t = t.multiply(x[i].pow(e[k][i]));
                }
            }
            f = f.add(t);
        }
        return f;
    }

    /** A certified enclosure of p*; see the class comment. */
    Enclosure enclose() {
        List<Integer> terms = new ArrayList<>();
        for (int k = 0; k < h.length; k++) {
            if (h[k].getNumerator().signum() > 0) {
                terms.add(k);
            }
        }
        if (terms.isEmpty()) {
            return new Enclosure(Interval.point(BigFraction.ZERO), "every coefficient is 0");
        }
        double[] logc = new double[terms.size()];
        double[][] u = new double[terms.size()][dim];
        for (int j = 0; j < logc.length; j++) {
            int k = terms.get(j);
            logc[j] = logDouble(h[k]);
            for (int i = 0; i < dim; i++) {
                u[j][i] = e[k][i];
            }
        }
        double[] g = dim == 0 ? new double[0] : LogSumExpMinimiser.minimiseLog(logc, u, dim);
        BigFraction[] x = new BigFraction[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = Local.shortScale(g[i]);
        }
        BigFraction hi = objective(x);
        if (dim == 0) {
            return new Enclosure(Interval.point(hi), "constant");
        }
        Optional<Point> delta = dualPoint(terms, LogSumExpMinimiser.weights(logc, u, g));
        if (delta.isPresent()) {
            BigFraction lo = dualBound(delta.get());
            if (lo.compareTo(hi) > 0) {
                throw new IllegalStateException("dual bound " + lo + " above the objective " + hi + " at a feasible point");
            }
            return new Enclosure(Interval.of(lo, hi), "geometric-programming dual bound Π (h_k/δ_k)^δ_k");
        }
        if (decaysAlong(terms, g)) {
            return new Enclosure(Interval.point(BigFraction.ZERO), "every term tends to 0 along one direction");
        }
        return new Enclosure(Interval.of(BigFraction.ZERO, hi), "no dual certificate found; 0");
    }

    /** Whether {@code eₖ·d < 0} for every term k, d the rational rounding of the double vector. */
    private boolean decaysAlong(List<Integer> terms, double[] g) {
        BigFraction[] d = new BigFraction[dim];
        for (int i = 0; i < dim; i++) {
            d[i] = Double.isFinite(g[i]) ? Q.ofDouble(g[i]) : BigFraction.ZERO;
        }
        for (int k : terms) {
            BigFraction s = BigFraction.ZERO;
            for (int i = 0; i < dim; i++) {
                s = s.add(d[i].multiply(e[k][i]));
            }
            if (s.getNumerator().signum() >= 0) {
                return false;
            }
        }
        return true;
    }

    /** A rational point {@code δₖ = num[k] / den} (indexed like h), den > 0; private working storage. */
    private static final class Point {
        private final BigInteger[] num;
        private final BigInteger den;

        Point(BigInteger[] num, BigInteger den) {
            this.num = num;
            this.den = den;
        }

        BigInteger[] num() {
            return num;
        }

        BigInteger den() {
            return den;
        }

        static Point of(BigFraction[] delta) {
            BigInteger den = org.flatcheck.exact.Q.commonDenominator(delta);
            BigInteger[] num = new BigInteger[delta.length];
            for (int k = 0; k < num.length; k++) {
                num[k] = org.flatcheck.exact.Q.numeratorOver(delta[k], den);
            }
            return new Point(num, den);
        }
    }

    /**
     * A dual point ({@code δ ≥ 0}, {@code Σδ = 1}, {@code Σ δₖ eₖ = 0} exactly, {@code δₖ = 0} where
     * {@code hₖ = 0}) near the numerical weights {@code w} (indexed like {@code terms}), or empty.
     */
    private Optional<Point> dualPoint(List<Integer> terms, double[] w) {
        if (w == null) {
            return Optional.empty();
        }
        BigInteger[] start = new BigInteger[h.length];
        java.util.Arrays.fill(start, BigInteger.ZERO);
        for (int j = 0; j < w.length; j++) {
            long units = Double.isFinite(w[j]) ? Math.round(StrictMath.scalb(w[j], WEIGHT_BITS)) : 0;
            start[terms.get(j)] = BigInteger.valueOf(Math.max(0, units));
        }
        for (int round = 0; round <= h.length; round++) {
            Optional<Point> projected = project(start);
            if (projected.isEmpty()) {
                return Optional.empty();
            }
            Point delta = projected.get();
            boolean negative = false;
            for (int k = 0; k < h.length; k++) {
                if (delta.num()[k].signum() < 0) {
                    start[k] = BigInteger.ZERO;
                    negative = true;
                }
            }
            if (!negative) {
                return feasible(delta) ? Optional.of(delta) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The projection of {@code W/2^44} (W ≥ 0 integers; support: W > 0) onto Bδ = (0,…,0,1), weighted by
     * W: the normal equations {@code (B diag(W) Bᵀ) y = B W − 2^44 (0,…,0,1)} are integer, and
     * {@code δ = (W/2^44)(1 − Bᵀy)}; with {@code y = Y/d}, {@code δₖ = Wₖ (d − (BᵀY)ₖ) / (2^44 d)}.
     */
    private Optional<Point> project(BigInteger[] weight) {
        List<Integer> support = new ArrayList<>();
        for (int k = 0; k < weight.length; k++) {
            if (weight[k].signum() > 0) {
                support.add(k);
            }
        }
        if (support.isEmpty()) {
            return Optional.empty();
        }
        // Rows of B restricted to the support, each as (column, coefficient) lists; the last is all ones.
        List<int[][]> rows = new ArrayList<>();
        for (int i = 0; i <= dim; i++) {
            List<int[]> entries = new ArrayList<>();
            for (int k : support) {
                int c = i < dim ? e[k][i] : 1;
                if (c != 0) {
                    entries.add(new int[] {k, c});
                }
            }
            if (!entries.isEmpty()) {
                rows.add(entries.toArray(new int[0][]));
            }
        }
        int r = rows.size();
        int[][] dense = new int[r][weight.length];
        for (int a = 0; a < r; a++) {
            for (int[] kc : rows.get(a)) {
                dense[a][kc[0]] = kc[1];
            }
        }
        BigInteger unit = BigInteger.ONE.shiftLeft(WEIGHT_BITS);
        BigInteger[][] m = new BigInteger[r][r];
        BigInteger[] residual = new BigInteger[r];
        for (int a = 0; a < r; a++) {
            BigInteger s = BigInteger.ZERO;
            for (int[] kc : rows.get(a)) {
                s = s.add(weight[kc[0]].multiply(BigInteger.valueOf(kc[1])));
            }
            residual[a] = a == r - 1 ? s.subtract(unit) : s;
            for (int b = a; b < r; b++) {
                BigInteger t = BigInteger.ZERO;
                for (int[] kc : rows.get(a)) {
                    int c = kc[1] * dense[b][kc[0]];
                    if (c != 0) {
                        t = t.add(weight[kc[0]].multiply(BigInteger.valueOf(c)));
                    }
                }
                m[a][b] = t;
                m[b][a] = t;
            }
        }
        Optional<QVector> solution = Bareiss.solve(QMatrix.of(m, BigInteger.ONE), QVector.of(residual, BigInteger.ONE));
        if (solution.isEmpty()) {
            return Optional.empty();
        }
        BigInteger[] y = solution.get().numerators();
        BigInteger d = solution.get().denominator();
        BigInteger[] bty = new BigInteger[weight.length];
        java.util.Arrays.fill(bty, BigInteger.ZERO);
        for (int a = 0; a < r; a++) {
            for (int[] kc : rows.get(a)) {
                bty[kc[0]] = bty[kc[0]].add(y[a].multiply(BigInteger.valueOf(kc[1])));
            }
        }
        BigInteger[] num = new BigInteger[weight.length];
        for (int k = 0; k < weight.length; k++) {
            num[k] = weight[k].multiply(d.subtract(bty[k]));
        }
        return Optional.of(new Point(num, unit.multiply(d)));
    }

    /** Exactly: δ ≥ 0, Σδ = 1, Σ δₖ eₖ = 0, and δₖ > 0 only where hₖ > 0. */
    private boolean feasible(Point delta) {
        BigInteger total = BigInteger.ZERO;
        BigInteger[] moment = new BigInteger[dim];
        java.util.Arrays.fill(moment, BigInteger.ZERO);
        for (int k = 0; k < h.length; k++) {
            BigInteger n = delta.num()[k];
            if (n.signum() < 0 || n.signum() > 0 && Q.isZero(h[k])) {
                return false;
            }
            total = total.add(n);
            for (int i = 0; i < dim; i++) {
                if (e[k][i] != 0 && n.signum() != 0) {
                    moment[i] = moment[i].add(n.multiply(BigInteger.valueOf(e[k][i])));
                }
            }
        }
        for (BigInteger x : moment) {
            if (x.signum() != 0) {
                return false;
            }
        }
        return total.equals(delta.den());
    }

    /**
     * A rational lower bound of {@code Π_{δₖ>0} (hₖ/δₖ)^δₖ} for a dual feasible δ (indexed like h).
     *
     * @throws IllegalArgumentException if δ is not dual feasible
     */
    BigFraction dualBound(BigFraction[] delta) {
        return dualBound(Point.of(delta));
    }

    /**
     * The lower end of {@code exp} at the lower end of {@code Σ δₖ (ln hₖ − ln δₖ)}, each logarithm
     * enclosed (δₖ > 0, so the lower end of {@code δₖ (ln hₖ − ln δₖ)} is {@code δₖ (lo ln hₖ − hi ln δₖ)}).
     */
    private BigFraction dualBound(Point delta) {
        if (!feasible(delta)) {
            throw new IllegalArgumentException("not a dual feasible point");
        }
        // Σ δₖ ln(hₖ/δₖ) with δₖ = Nₖ/D: each ln(hₖD/Nₖ) enclosed and its lower end rounded down to a
        // multiple of 2^-w, so that the sum is one exact fraction Σ Nₖ Lₖ / (D 2^w).
        int w = BITS + 16;
        BigInteger total = BigInteger.ZERO;
        for (int k = 0; k < h.length; k++) {
            BigInteger n = delta.num()[k];
            if (n.signum() != 0) {
                BigInteger ratioNum = h[k].getNumerator().multiply(delta.den());
                BigFraction lo = ExpLog.ln(ratioNum, h[k].getDenominator().multiply(n), BITS).lo();
                total = total.add(floorUnits(lo, w).multiply(n));
            }
        }
        BigFraction sum = Q.of(floorDiv(total, delta.den()), BigInteger.ONE.shiftLeft(w));
        return ExpLog.exp(sum, BITS).lo();
    }

    /** {@code ⌊x·2^w⌋}. */
    private static BigInteger floorUnits(BigFraction x, int w) {
        return floorDiv(x.getNumerator().shiftLeft(w), x.getDenominator());
    }

    /** {@code ⌊a/b⌋}, b > 0. */
    private static BigInteger floorDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() < 0 ? qr[0].subtract(BigInteger.ONE) : qr[0];
    }

    /** {@code ln x} as a double for a positive rational of any size (for the numerical solve only). */
    private static double logDouble(BigFraction x) {
        return logDouble(x.getNumerator()) - logDouble(x.getDenominator());
    }

    private static double logDouble(BigInteger n) {
        int shift = Math.max(0, n.bitLength() - 60);
        return StrictMath.log(n.shiftRight(shift).doubleValue()) + shift * 0.6931471805599453;
    }
}
