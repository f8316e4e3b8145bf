package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.Recomputation.one;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The checker's handler of {@code fisher_sharpness}, {@code tr(F⁺C)} with {@code F = (2/n) Σᵢ JᵢᵀJᵢ} and
 * {@code C = (1/n) Σᵢ gᵢgᵢᵀ}, {@code gᵢ = 2Jᵢᵀrᵢ}, without a pseudo-inverse: every {@code gᵢ} lies in the range
 * of F, so {@code gᵢᵀF⁺gᵢ = gᵢᵀuᵢ} for any solution of {@code F uᵢ = gᵢ}, found by the checker's own rational
 * Gauss–Jordan elimination. The Jacobian rows are first-order output jets along each coordinate.
 */
final class FisherQuantities {
    private FisherQuantities() {
    }

    /** {@code (1/n) Σᵢ gᵢᵀuᵢ} with {@code F uᵢ = gᵢ}. */
    static BigFraction[] fisherSharpness(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        Dataset d = c.data(q, path, n);
        int p = n.numParameters();
        int m = d.size();
        BigFraction[][] f = new BigFraction[p][p];
        for (BigFraction[] row : f) {
            Arrays.fill(row, BigFraction.ZERO);
        }
        BigFraction[][] g = new BigFraction[m][p];
        for (int i = 0; i < m; i++) {
            BigFraction[] out = IndependentEvaluator.outputs(n, d.input(i));
            BigFraction[][] jac = new BigFraction[out.length][p];
            for (int a = 0; a < p; a++) {
                BigFraction[] e = new BigFraction[p];
                Arrays.fill(e, BigFraction.ZERO);
                e[a] = BigFraction.ONE;
                Jet[] y = IndependentEvaluator.outputsAlong(n, d.input(i), e);
                for (int k = 0; k < out.length; k++) {
                    jac[k][a] = y[k].a1();
                }
            }
            Arrays.fill(g[i], BigFraction.ZERO);
            for (int k = 0; k < out.length; k++) {
                BigFraction twice = out[k].subtract(d.target(i)[k]).multiply(2);
                for (int a = 0; a < p; a++) {
                    g[i][a] = g[i][a].add(twice.multiply(jac[k][a]));
                    for (int b = 0; b < p; b++) {
                        f[a][b] = f[a][b].add(jac[k][a].multiply(jac[k][b]).multiply(2).divide(m));
                    }
                }
            }
        }
        BigFraction[][] u = solve(f, g);
        if (u == null) {
            throw new Recomputation.UndefinedQuantity("fisher_sharpness at " + path + ": a loss gradient is not in the range "
                    + "of the Fisher matrix");
        }
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < m; i++) {
            for (int a = 0; a < p; a++) {
                s = s.add(g[i][a].multiply(u[i][a]));
            }
        }
        return one(s.divide(m));
    }

    /** Solutions {@code uᵢ} of {@code F uᵢ = gᵢ} (free unknowns 0) by Gauss–Jordan, or null if one is inconsistent. */
    private static BigFraction[][] solve(BigFraction[][] f, BigFraction[][] g) {
        int p = f.length;
        int m = g.length;
        BigFraction[][] a = new BigFraction[p][p + m];
        for (int i = 0; i < p; i++) {
            System.arraycopy(f[i], 0, a[i], 0, p);
            for (int j = 0; j < m; j++) {
                a[i][p + j] = g[j][i];
            }
        }
        int[] pivotOf = new int[p];
        Arrays.fill(pivotOf, -1);
        int row = 0;
        for (int col = 0; col < p && row < p; col++) {
            int piv = -1;
            for (int i = row; i < p; i++) {
                if (!Q.isZero(a[i][col])) {
                    piv = i;
                    break;
                }
            }
            if (piv < 0) {
                continue;
            }
            BigFraction[] t = a[piv];
            a[piv] = a[row];
            a[row] = t;
            BigFraction inv = a[row][col].reciprocal();
            for (int j = 0; j < p + m; j++) {
                a[row][j] = a[row][j].multiply(inv);
            }
            for (int i = 0; i < p; i++) {
                if (i != row && !Q.isZero(a[i][col])) {
                    BigFraction factor = a[i][col];
                    for (int j = 0; j < p + m; j++) {
                        a[i][j] = a[i][j].subtract(factor.multiply(a[row][j]));
                    }
                }
            }
            pivotOf[row] = col;
            row++;
        }
        for (int i = row; i < p; i++) {
            for (int j = 0; j < m; j++) {
                if (!Q.isZero(a[i][p + j])) {
                    return null;
                }
            }
        }
        BigFraction[][] u = new BigFraction[m][p];
        for (int j = 0; j < m; j++) {
            Arrays.fill(u[j], BigFraction.ZERO);
            for (int i = 0; i < row; i++) {
                u[j][pivotOf[i]] = a[i][p + j];
            }
        }
        return u;
    }
}
