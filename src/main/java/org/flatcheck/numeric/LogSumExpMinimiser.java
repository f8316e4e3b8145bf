package org.flatcheck.numeric;

/**
 * NUMERIC (double precision): minimises {@code f(γ) = Σⱼ cⱼ exp(uⱼ·γ)} with {@code cⱼ ≥ 0}, a convex
 * function (a geometric program in log coordinates), by damped Newton steps. Only a starting point for
 * exact code: callers round the result to rationals and evaluate the objective exactly there, which
 * gives a certified upper bound whatever the quality of the minimisation.
 */
public final class LogSumExpMinimiser {
    private LogSumExpMinimiser() {
    }

    /** An approximate minimiser of {@code Σⱼ c[j]·exp(u[j]·γ)} over {@code γ ∈ R^dim}, from 0. */
    public static double[] minimise(double[] c, double[][] u, int dim) {
        double[] g = new double[dim];
        for (int iter = 0; iter < 200; iter++) {
            double[] grad = new double[dim];
            double[][] hess = new double[dim][dim];
            double f = 0;
            for (int j = 0; j < c.length; j++) {
                double t = c[j] * StrictMath.exp(dot(u[j], g));
                f += t;
                for (int a = 0; a < dim; a++) {
                    grad[a] += t * u[j][a];
                    for (int b = 0; b < dim; b++) {
                        hess[a][b] += t * u[j][a] * u[j][b];
                    }
                }
            }
            for (int a = 0; a < dim; a++) {
                hess[a][a] += 1e-12 * (1 + f);
            }
            double[] step = solve(hess, grad);
            if (step == null) {
                break;
            }
            double scale = 1;
            double[] next = new double[dim];
            while (scale > 1e-12) {
                for (int a = 0; a < dim; a++) {
                    next[a] = g[a] - scale * step[a];
                }
                if (value(c, u, next) <= f) {
                    break;
                }
                scale /= 2;
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

    static double value(double[] c, double[][] u, double[] g) {
        double f = 0;
        for (int j = 0; j < c.length; j++) {
            f += c[j] * StrictMath.exp(dot(u[j], g));
        }
        return f;
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
