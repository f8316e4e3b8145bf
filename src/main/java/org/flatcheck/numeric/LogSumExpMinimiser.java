package org.flatcheck.numeric;

/**
 * NUMERIC (double precision): minimises {@code f(γ) = Σⱼ cⱼ exp(uⱼ·γ)} with {@code cⱼ ≥ 0}, a convex
 * function (a geometric program in log coordinates), by damped Newton steps. Only a starting point for
 * exact code: callers round the result to rationals and evaluate the objective exactly there, which
 * gives a certified upper bound whatever the quality of the minimisation, and turn the {@link #weights}
 * at the result into a dual point that they make feasible and evaluate exactly, for a lower bound.
 *
 * <p>The coefficients may also be given as logarithms {@code ln cⱼ} ({@code −∞} for {@code cⱼ = 0}), so
 * that coefficients far outside the double range still work: every step uses the normalised weights
 * {@code pⱼ = cⱼ exp(uⱼ·γ) / f(γ)}, computed with the largest exponent subtracted (the Newton step of f
 * is {@code (Σ pⱼ uⱼuⱼᵀ)⁻¹ Σ pⱼ uⱼ}, unchanged by scaling f), and the line search compares
 * {@code ln f}.
 */
public final class LogSumExpMinimiser {
    private static final int ITERATIONS = 200;

    private LogSumExpMinimiser() {
    }

    /** An approximate minimiser of {@code Σⱼ c[j]·exp(u[j]·γ)} over {@code γ ∈ R^dim}, from 0. */
    public static double[] minimise(double[] c, double[][] u, int dim) {
        double[] logc = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            logc[j] = c[j] > 0 ? StrictMath.log(c[j]) : Double.NEGATIVE_INFINITY;
        }
        return minimiseLog(logc, u, dim);
    }

    /**
     * An approximate minimiser of {@code Σⱼ exp(logc[j] + u[j]·γ)} over {@code γ ∈ R^dim}, from 0; terms
     * with {@code logc[j] = −∞} are absent. Where the infimum is not attained the iterates run off along
     * a direction in which some terms vanish, and stop after a fixed number of steps.
     */
    public static double[] minimiseLog(double[] logc, double[][] u, int dim) {
        double[] g = new double[dim];
        int[][] nonzero = new int[u.length][];
        for (int j = 0; j < u.length; j++) {
            double[] uj = u[j];
            nonzero[j] = java.util.stream.IntStream.range(0, dim).filter(a -> uj[a] != 0).toArray();
        }
        for (int iter = 0; iter < ITERATIONS; iter++) {
            double[] p = weights(logc, u, g);
            if (p == null) {
                break;
            }
            double[] grad = new double[dim];
            double[][] hess = new double[dim][dim];
            for (int j = 0; j < p.length; j++) {
                if (p[j] == 0) {
                    continue;
                }
                for (int a : nonzero[j]) {
                    grad[a] += p[j] * u[j][a];
                    for (int b : nonzero[j]) {
                        hess[a][b] += p[j] * u[j][a] * u[j][b];
                    }
                }
            }
            for (int a = 0; a < dim; a++) {
                hess[a][a] += 1e-12;
            }
            double[] step = solve(hess, grad);
            if (step == null) {
                break;
            }
            // Newton decrement: f(γ)/f* − 1 ≈ λ²/2 near the minimum, so below 10⁻²⁴ nothing is left to gain.
            double decrement = 0;
            for (int a = 0; a < dim; a++) {
                decrement += grad[a] * step[a];
            }
            if (!(decrement > 1e-24)) {
                break;
            }
            double f = logValue(logc, u, g);
            double scale = 1;
            double[] next = new double[dim];
            boolean lower = false;
            while (scale > 1e-12 && !lower) {
                for (int a = 0; a < dim; a++) {
                    next[a] = g[a] - scale * step[a];
                }
                lower = logValue(logc, u, next) <= f;
                scale /= 2;
            }
            if (!lower) {
                break;
            }
            double move = 0;
            for (int a = 0; a < dim; a++) {
                move = Math.max(move, Math.abs(next[a] - g[a]));
            }
            g = next;
            if (move < 1e-14) {
                break;
            }
        }
        return g;
    }

    /**
     * The normalised terms {@code pⱼ = exp(logc[j] + u[j]·γ) / Σₖ exp(logc[k] + u[k]·γ)} (they sum to 1;
     * at a minimiser {@code Σ pⱼ uⱼ = ∇f/f = 0}, so they are the optimal dual point of the geometric
     * program), or null if every term is absent.
     */
    public static double[] weights(double[] logc, double[][] u, double[] g) {
        double[] s = new double[logc.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < s.length; j++) {
            s[j] = logc[j] == Double.NEGATIVE_INFINITY ? logc[j] : logc[j] + dot(u[j], g);
            max = Math.max(max, s[j]);
        }
        if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
            return null;
        }
        double total = 0;
        for (int j = 0; j < s.length; j++) {
            s[j] = StrictMath.exp(s[j] - max);
            total += s[j];
        }
        for (int j = 0; j < s.length; j++) {
            s[j] /= total;
        }
        return s;
    }

    /** {@code ln Σⱼ exp(logc[j] + u[j]·γ)}, computed without overflow. */
    static double logValue(double[] logc, double[][] u, double[] g) {
        double max = Double.NEGATIVE_INFINITY;
        double[] s = new double[logc.length];
        for (int j = 0; j < s.length; j++) {
            s[j] = logc[j] == Double.NEGATIVE_INFINITY ? logc[j] : logc[j] + dot(u[j], g);
            max = Math.max(max, s[j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double total = 0;
        for (double x : s) {
            total += StrictMath.exp(x - max);
        }
        return max + StrictMath.log(total);
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Gaussian elimination with partial pivoting; null if singular. */
    private static double[] solve(double[][] a0, double[] b0) {
        int n = b0.length;
        double[][] a = new double[n][];
        double[] b = b0.clone();
        for (int i = 0; i < n; i++) {
            a[i] = a0[i].clone();
        }
        for (int col = 0; col < n; col++) {
            int p = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[p][col])) {
                    p = r;
                }
            }
            if (Math.abs(a[p][col]) < 1e-300) {
                return null;
            }
            double[] t = a[p];
            a[p] = a[col];
            a[col] = t;
            double tb = b[p];
            b[p] = b[col];
            b[col] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int k = col; k < n; k++) {
                    a[r][k] -= f * a[col][k];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
