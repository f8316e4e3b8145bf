package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * Fraction-free Gaussian elimination (Bareiss 1968, "Sylvester's identity and multistep
 * integer-preserving Gaussian elimination"). On an integer matrix every step
 * {@code a'ᵢⱼ = (a_rc aᵢⱼ − aᵢc a_rj) / p} divides exactly by the previous pivot {@code p}, so entries
 * stay integers (they are minors of the input) and never grow beyond Hadamard's bound. Rational
 * matrices are handled through their integer numerators over the common denominator.
 */
public final class Bareiss {
    private Bareiss() {
    }

    /** The rank of {@code a} over Q. */
    public static int rank(QMatrix a) {
        return eliminate(a.numerators(), a.cols()).rank;
    }

    /** {@code det a} for a square matrix. */
    public static BigFraction determinant(QMatrix a) {
        if (!a.isSquare()) {
            throw new IllegalArgumentException("determinant of a non-square " + a.rows() + " × " + a.cols() + " matrix");
        }
        int n = a.rows();
        Echelon e = eliminate(a.numerators(), n);
        if (e.rank < n) {
            return BigFraction.ZERO;
        }
        BigInteger det = n == 0 ? BigInteger.ONE : e.m[n - 1][n - 1];
        return Q.of(e.swaps % 2 == 0 ? det : det.negate(), a.denominator().pow(n));
    }

    /**
     * A solution of {@code a x = b}, or empty if the system is inconsistent. When {@code a} has
     * deficient column rank, the free variables are set to 0.
     */
    public static Optional<QVector> solve(QMatrix a, QVector b) {
        if (b.size() != a.rows()) {
            throw new IllegalArgumentException("matrix has " + a.rows() + " rows, right-hand side " + b.size());
        }
        BigInteger[][] rhs = new BigInteger[a.rows()][1];
        BigInteger[] bn = b.numerators();
        for (int i = 0; i < a.rows(); i++) {
            rhs[i][0] = bn[i];
        }
        return solve(a, rhs, 1, b.denominator()).map(x -> QVector.of(x[0], x[1][0]));
    }

    /**
     * A solution X of {@code a X = b} for every column of b at once (one elimination), or empty if some
     * column is inconsistent; free variables are set to 0.
     */
    public static Optional<QMatrix> solve(QMatrix a, QMatrix b) {
        if (b.rows() != a.rows()) {
            throw new IllegalArgumentException("matrix has " + a.rows() + " rows, right-hand side " + b.rows());
        }
        return solve(a, b.numerators(), b.cols(), b.denominator()).map(x -> {
            int n = a.cols();
            BigInteger[][] num = new BigInteger[n][b.cols()];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < b.cols(); j++) {
                    num[i][j] = x[j][i];
                }
            }
            return QMatrix.of(num, x[b.cols()][0]);
        });
    }

    /**
     * Solutions of {@code a x = rhs[·][j] / den}: rows 0..m−1 of the result are the numerators of the m
     * solutions, row m holds their common denominator; empty if some column is inconsistent.
     */
    private static Optional<BigInteger[][]> solve(QMatrix a, BigInteger[][] rhs, int m, BigInteger den) {
        int n = a.cols();
        BigInteger[][] aug = new BigInteger[a.rows()][n + m];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < n; j++) {
                aug[i][j] = a.numerator(i, j).multiply(den);
            }
            for (int j = 0; j < m; j++) {
                aug[i][n + j] = rhs[i][j].multiply(a.denominator());
            }
        }
        Echelon e = eliminate(aug, n);
        for (int i = e.rank; i < a.rows(); i++) {
            for (int j = 0; j < m; j++) {
                if (e.m[i][n + j].signum() != 0) {
                    return Optional.empty();
                }
            }
        }
        // Fraction-free back substitution: the pivot rows and columns form a nonsingular r × r system S
        // whose elimination is exactly what happened to them, so the last pivot D is det S and, by Cramer's
        // rule, X = D·x is an integer vector; each division below is therefore exact.
        BigInteger d = e.rank == 0 ? BigInteger.ONE : e.m[e.rank - 1][e.pivotCols[e.rank - 1]];
        BigInteger[][] out = new BigInteger[m + 1][];
        for (int col = 0; col < m; col++) {
            BigInteger[] num = new BigInteger[n];
            java.util.Arrays.fill(num, BigInteger.ZERO);
            for (int r = e.rank - 1; r >= 0; r--) {
                int c = e.pivotCols[r];
                BigInteger s = d.multiply(e.m[r][n + col]);
                for (int q = r + 1; q < e.rank; q++) {
                    int j = e.pivotCols[q];
                    if (e.m[r][j].signum() != 0 && num[j].signum() != 0) {
                        s = s.subtract(e.m[r][j].multiply(num[j]));
                    }
                }
                num[c] = s.divide(e.m[r][c]);
            }
            out[col] = num;
        }
        out[m] = new BigInteger[] {d};
        return Optional.of(out);
    }

    /** The pivot columns of {@code a}'s row echelon form: a maximal set of linearly independent columns. */
    public static int[] pivotColumns(QMatrix a) {
        Echelon e = eliminate(a.numerators(), a.cols());
        return java.util.Arrays.copyOf(e.pivotCols, e.rank);
    }

    /** Row echelon form of the first {@code cols} columns; further columns ride along. */
    private static Echelon eliminate(BigInteger[][] m, int cols) {
        int rows = m.length;
        int width = rows == 0 ? 0 : m[0].length;
        int[] pivotCols = new int[Math.min(rows, cols)];
        BigInteger prev = BigInteger.ONE;
        int r = 0;
        int swaps = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int p = r;
            while (p < rows && m[p][c].signum() == 0) {
                p++;
            }
            if (p == rows) {
                continue;
            }
            if (p != r) {
                BigInteger[] t = m[p];
                m[p] = m[r];
                m[r] = t;
                swaps++;
            }
            BigInteger pivot = m[r][c];
            for (int i = r + 1; i < rows; i++) {
                BigInteger lead = m[i][c];
                for (int j = c + 1; j < width; j++) {
                    BigInteger v = pivot.multiply(m[i][j]);
                    if (lead.signum() != 0) {
                        v = v.subtract(lead.multiply(m[r][j]));
                    }
                    m[i][j] = prev.equals(BigInteger.ONE) ? v : v.divide(prev);
                }
                m[i][c] = BigInteger.ZERO;
            }
            prev = pivot;
            pivotCols[r] = c;
            r++;
        }
        return new Echelon(m, r, pivotCols, swaps);
    }

    private static final class Echelon {
        final BigInteger[][] m;
        final int rank;
        final int[] pivotCols;
        final int swaps;

        Echelon(BigInteger[][] m, int rank, int[] pivotCols, int swaps) {
            this.m = m;
            this.rank = rank;
            this.pivotCols = pivotCols;
            this.swaps = swaps;
        }
    }
}
