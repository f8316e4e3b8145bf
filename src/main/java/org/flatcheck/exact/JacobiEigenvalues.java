package org.flatcheck.exact;

import java.util.Arrays;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * NUMERIC (double precision): approximate eigenvalues of a symmetric matrix by the cyclic Jacobi
 * method (Golub &amp; Van Loan, <i>Matrix Computations</i>, §8.5). Used only as seeds that exact code
 * then certifies or discards; no result of flatcheck is ever taken from here.
 */
final class JacobiEigenvalues {
    private static final int MAX_SWEEPS = 60;

    private JacobiEigenvalues() {
    }

    /**
     * Approximate eigenvalues, ascending, of the symmetric rational matrix {@code a}, each returned as
     * the exact (dyadic) value of its double-precision approximation.
     */
    public static BigFraction[] approximate(BigFraction[][] a) {
        int n = a.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = a[i][j].doubleValue();
            }
        }
        return exact(of(m));
    }

    /**
     * Approximate eigenvalues of {@code diag(√d) H diag(√d)} (the spectrum of {@code diag(d)·H}), ascending,
     * each as the exact dyadic value of its double-precision approximation; {@code d ≥ 0}.
     */
    public static BigFraction[] approximateScaled(BigFraction[][] h, BigFraction[] d) {
        int n = h.length;
        double[] root = new double[n];
        for (int i = 0; i < n; i++) {
            root[i] = Math.sqrt(d[i].doubleValue());
        }
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = root[i] * h[i][j].doubleValue() * root[j];
            }
        }
        return exact(of(m));
    }

    private static BigFraction[] exact(double[] eig) {
        BigFraction[] out = new BigFraction[eig.length];
        for (int i = 0; i < eig.length; i++) {
            out[i] = Double.isFinite(eig[i]) ? Q.ofDouble(eig[i]) : BigFraction.ZERO;
        }
        return out;
    }

    /** Approximate eigenvalues, ascending, of the symmetric matrix {@code a} (not modified). */
    static double[] of(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m) > 1e-30 * frobenius(m); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (m[p][q] != 0) {
                        rotate(m, p, q);
                    }
                }
            }
        }
        double[] eig = new double[n];
        for (int i = 0; i < n; i++) {
            eig[i] = m[i][i];
        }
        Arrays.sort(eig);
        return eig;
    }

    /** Annihilates m[p][q] by a plane rotation applied on both sides. */
    private static void rotate(double[][] m, int p, int q) {
        double app = m[p][p];
        double aqq = m[q][q];
        double apq = m[p][q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = m.length;
        for (int k = 0; k < n; k++) {
            double mkp = m[k][p];
            double mkq = m[k][q];
            m[k][p] = c * mkp - s * mkq;
            m[k][q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p][k];
            double mqk = m[q][k];
            m[p][k] = c * mpk - s * mqk;
            m[q][k] = s * mpk + c * mqk;
        }
    }

    private static double offDiagonal(double[][] m) {
        double s = 0;
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < m.length; j++) {
                if (i != j) {
                    s += m[i][j] * m[i][j];
                }
            }
        }
        return s;
    }

    private static double frobenius(double[][] m) {
        double s = 0;
        for (double[] row : m) {
            for (double x : row) {
                s += x * x;
            }
        }
        return s;
    }
}
