package org.flatcheck.exact;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * An immutable rational matrix stored fraction-free: an integer matrix of numerators over one positive
 * common denominator, reduced so that the denominator shares no factor with all numerators at once.
 * The integer form is what the fraction-free algorithms ({@link Bareiss}, {@link CharPoly}) work on.
 */
public final class QMatrix {
    private final BigInteger[][] num;
    private final BigInteger den;
    private final int rows;
    private final int cols;

    private QMatrix(BigInteger[][] num, BigInteger den, int cols) {
        this.num = num;
        this.den = den;
        this.rows = num.length;
        this.cols = cols;
    }

    /** {@code num[i][j] / den}; the rows must have equal length, {@code den != 0}. Copies its input. */
    public static QMatrix of(BigInteger[][] num, BigInteger den) {
        BigInteger[][] copy = new BigInteger[num.length][];
        for (int i = 0; i < num.length; i++) {
            copy[i] = num[i].clone();
        }
        return ofOwned(copy, den);
    }

    /** Like {@link #of(BigInteger[][], BigInteger)} but takes ownership of {@code num}. */
    static QMatrix ofOwned(BigInteger[][] num, BigInteger den) {
        Objects.requireNonNull(den, "den");
        if (den.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        int cols = num.length == 0 ? 0 : num[0].length;
        Content g = new Content(den);
        for (BigInteger[] row : num) {
            if (row.length != cols) {
                throw new IllegalArgumentException("ragged matrix: row of length " + row.length + " != " + cols);
            }
            for (BigInteger x : row) {
                Objects.requireNonNull(x, "entry");
                if (!g.isOne()) {
                    g.add(x);
                }
            }
        }
        BigInteger sign = BigInteger.valueOf(den.signum());
        if (!g.isOne() || den.signum() < 0) {
            for (BigInteger[] row : num) {
                for (int j = 0; j < cols; j++) {
                    row[j] = g.divide(row[j]).multiply(sign);
                }
            }
            den = g.divide(den).multiply(sign);
        }
        return new QMatrix(num, den, cols);
    }

    /** The matrix of the given fractions; the rows must have equal length. */
    public static QMatrix of(BigFraction[][] xs) {
        BigInteger den = BigInteger.ONE;
        for (BigFraction[] row : xs) {
            den = Q.lcm(den, Q.commonDenominator(row));
        }
        BigInteger[][] num = new BigInteger[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            num[i] = new BigInteger[xs[i].length];
            for (int j = 0; j < xs[i].length; j++) {
                num[i][j] = Q.numeratorOver(xs[i][j], den);
            }
        }
        return ofOwned(num, den);
    }

    /** The {@code n × n} identity. */
    public static QMatrix identity(int n) {
        BigInteger[][] num = new BigInteger[n][n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(num[i], BigInteger.ZERO);
            num[i][i] = BigInteger.ONE;
        }
        return new QMatrix(num, BigInteger.ONE, n);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Entry {@code (i, j)} as a reduced fraction. */
    public BigFraction get(int i, int j) {
        return Q.of(num[i][j], den);
    }

    /** The common denominator, positive. */
    public BigInteger denominator() {
        return den;
    }

    /** The integer numerator matrix over {@link #denominator()} (a deep copy). */
    public BigInteger[][] numerators() {
        BigInteger[][] copy = new BigInteger[rows][];
        for (int i = 0; i < rows; i++) {
            copy[i] = num[i].clone();
        }
        return copy;
    }

    /** Numerator of entry {@code (i, j)}, without copying. */
    BigInteger numerator(int i, int j) {
        return num[i][j];
    }

    /** The entries as reduced fractions. */
    public BigFraction[][] toArray() {
        BigFraction[][] out = new BigFraction[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[i][j] = get(i, j);
            }
        }
        return out;
    }

    public boolean isSquare() {
        return rows == cols;
    }

    /** Whether {@code Aᵀ = A}. */
    public boolean isSymmetric() {
        if (!isSquare()) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < i; j++) {
                if (!num[i][j].equals(num[j][i])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code tr A = Σ Aᵢᵢ}. */
    public BigFraction trace() {
        requireSquare();
        BigInteger s = BigInteger.ZERO;
        for (int i = 0; i < rows; i++) {
            s = s.add(num[i][i]);
        }
        return Q.of(s, den);
    }

    /** {@code ‖A‖_F² = Σ Aᵢⱼ²}. */
    public BigFraction frobeniusSquared() {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger[] row : num) {
            for (BigInteger x : row) {
                s = s.add(x.multiply(x));
            }
        }
        return Q.of(s, den.multiply(den));
    }

    /** {@code A v}. */
    public QVector multiply(QVector v) {
        if (v.size() != cols) {
            throw new IllegalArgumentException("matrix has " + cols + " columns, vector " + v.size() + " entries");
        }
        BigInteger[] vn = v.numerators();
        BigInteger[] out = new BigInteger[rows];
        for (int i = 0; i < rows; i++) {
            BigInteger s = BigInteger.ZERO;
            for (int j = 0; j < cols; j++) {
                s = s.add(num[i][j].multiply(vn[j]));
            }
            out[i] = s;
        }
        return QVector.reduced(out, den.multiply(v.denominator()));
    }

    /** {@code A B}. */
    public QMatrix multiply(QMatrix b) {
        if (b.rows != cols) {
            throw new IllegalArgumentException("inner dimensions " + cols + " != " + b.rows);
        }
        BigInteger[][] out = new BigInteger[rows][b.cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < b.cols; j++) {
                BigInteger s = BigInteger.ZERO;
                for (int k = 0; k < cols; k++) {
                    s = s.add(num[i][k].multiply(b.num[k][j]));
                }
                out[i][j] = s;
            }
        }
        return ofOwned(out, den.multiply(b.den));
    }

    /** {@code Aᵀ}. */
    public QMatrix transpose() {
        BigInteger[][] out = new BigInteger[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j][i] = num[i][j];
            }
        }
        return new QMatrix(out, den, rows);
    }

    private void requireSquare() {
        if (!isSquare()) {
            throw new IllegalArgumentException("not square: " + rows + " × " + cols);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QMatrix && den.equals(((QMatrix) o).den) && Arrays.deepEquals(num, ((QMatrix) o).num);
    }

    @Override
    public int hashCode() {
        return 31 * den.hashCode() + Arrays.deepHashCode(num);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < cols; j++) {
                sb.append(j == 0 ? "" : ", ").append(Q.format(get(i, j)));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
