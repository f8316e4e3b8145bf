package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Bareiss;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;

/**
 * The Gauss–Newton metric of the squared loss, {@code G = (2/n) JᵀJ} with J the Jacobian of every output on
 * every data point (the Fisher information of the Gaussian likelihood whose negative log is the loss, and the
 * part of {@code ∇²L} without residuals), and exact traces {@code tr(G⁺X)} with its Moore–Penrose inverse.
 *
 * <p>With F a basis of J's row space (rows of J chosen by exact elimination), the range of G is spanned by
 * the rows of F, {@code G = Fᵀ B F} for an invertible B, and {@code G⁺ = Fᵀ (F G Fᵀ)⁻¹ F}; hence
 * {@code tr(G⁺X) = (n/2) tr((F JᵀJ Fᵀ)⁻¹ (F X Fᵀ))}, a k × k solve with k = rank J ≤ n·outputs.
 */
final class GaussNewtonMetric {
    private final QMatrix f;
    private final QMatrix gram;
    private final int points;

    private GaussNewtonMetric(QMatrix f, QMatrix gram, int points) {
        this.f = f;
        this.gram = gram;
        this.points = points;
    }

    /** The metric at θ (memoised with the network); throws {@code KinkException} at a kink. */
    static GaussNewtonMetric of(Network net, Dataset data) {
        return Local.memo(net, data, "gauss-newton", () -> {
            QMatrix j = Local.jacobian(net, data);
            int[] rows = Local.jacobianRowBasis(net, data);
            if (rows.length == 0) {
                return new GaussNewtonMetric(null, null, data.size()); // G = 0, G⁺ = 0
            }
            BigFraction[][] fr = new BigFraction[rows.length][j.cols()];
            for (int a = 0; a < rows.length; a++) {
                for (int p = 0; p < j.cols(); p++) {
                    fr[a][p] = j.get(rows[a], p);
                }
            }
            QMatrix f = QMatrix.of(fr);
            QMatrix jf = j.multiply(f.transpose());
            return new GaussNewtonMetric(f, jf.transpose().multiply(jf), data.size());
        });
    }

    /** {@code rank G = rank J}. */
    int rank() {
        return f == null ? 0 : f.rows();
    }

    /** {@code tr(G⁺X)} for a P × P matrix X, exact. */
    BigFraction traceOfPseudoInverseTimes(QMatrix x) {
        if (rank() == 0) {
            return BigFraction.ZERO;
        }
        return traceOfSolve(f.multiply(x).multiply(f.transpose()));
    }

    /** {@code tr(G⁺ (1/n) Σᵢ vᵢvᵢᵀ)} for vectors vᵢ (rows of {@code v}), exact. */
    BigFraction traceOfPseudoInverseTimesSecondMoment(QMatrix v) {
        if (rank() == 0 || v.rows() == 0) {
            return BigFraction.ZERO;
        }
        QMatrix fv = f.multiply(v.transpose());
        return traceOfSolve(fv.multiply(fv.transpose())).divide(v.rows());
    }

    /** {@code (n/2) tr(gram⁻¹ y)}. */
    private BigFraction traceOfSolve(QMatrix y) {
        QMatrix z = Bareiss.solve(gram, y).orElseThrow(() -> new IllegalStateException("F JᵀJ Fᵀ is singular"));
        return z.trace().multiply(points).divide(2);
    }
}
