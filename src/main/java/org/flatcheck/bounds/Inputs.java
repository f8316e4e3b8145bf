package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;

/** Exact ingredients shared by the terms: data norms and per-layer matrix norms of bias-free MLPs. */
final class Inputs {
    private Inputs() {
    }

    /** {@code max_i ‖x_i‖_∞}. */
    static BigFraction maxSupNorm(Dataset data) {
        BigFraction m = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            for (BigFraction x : data.input(i)) {
                m = x.abs().compareTo(m) > 0 ? x.abs() : m;
            }
        }
        return m;
    }

    /** {@code max_i ‖x_i‖₂²}. */
    static BigFraction maxSquaredNorm(Dataset data) {
        BigFraction m = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            BigFraction s = BigFraction.ZERO;
            for (BigFraction x : data.input(i)) {
                s = s.add(x.multiply(x));
            }
            m = s.compareTo(m) > 0 ? s : m;
        }
        return m;
    }

    /**
     * Why a weight-matrix term ([B17], [NBS18]) has no value on {@code net}: it is not layered, or it has
     * biases (both papers' networks are {@code x ↦ W_d φ(⋯ φ(W_1 x))}); empty if it applies.
     */
    static Optional<String> notBiasFreeMlp(Network net, String who) {
        if (!net.isLayered()) {
            return Optional.of(who + " is stated for layered networks (weight matrices W_1, …, W_d); " + net.name()
                    + " is a DAG");
        }
        if (net.hasBiases()) {
            return Optional.of(who + " is stated for networks without biases (x ↦ W_d φ(⋯ φ(W_1 x))); flatcheck does not "
                    + "extend it — use g24-path-l1, which covers biases, or a bias-free network");
        }
        return Optional.empty();
    }

    /** One weight matrix {@code W} (out × in) with its exact Frobenius norm and certified spectral norm. */
    record Layer(QMatrix w, BigFraction frobeniusSquared, AlgebraicNumber spectralSquared) {
        /** {@code ‖W‖₂² = λ_max(W Wᵀ)} to {@code mc}, from a certified interval of relative width 10^-(p+5). */
        BigDecimal spectralSquared(MathContext mc) {
            if (Q.isZero(frobeniusSquared)) {
                return BigDecimal.ZERO;
            }
            // λ_max ≥ ‖W‖_F² / rank ≥ ‖W‖_F² / min(out, in) > 0: a rational lower bound for a relative width.
            BigFraction floor = frobeniusSquared.divide(Math.min(w.rows(), w.cols()));
            BigFraction width = floor.multiply(Q.of(BigInteger.ONE, BigInteger.TEN.pow(mc.getPrecision() + 5)));
            return BigMath.of(spectralSquared.approximate(width).midpoint(), mc);
        }

        /** {@code ‖Wᵀ‖_{2,1} = Σ_j ‖W_{j,:}‖₂}: the ℓ₂ norms of the rows (each unit's incoming weights), summed. */
        BigDecimal rowNormSum(MathContext mc) {
            BigDecimal s = BigDecimal.ZERO;
            for (int j = 0; j < w.rows(); j++) {
                BigFraction r = BigFraction.ZERO;
                for (int i = 0; i < w.cols(); i++) {
                    r = r.add(w.get(j, i).multiply(w.get(j, i)));
                }
                s = s.add(BigMath.sqrt(r, mc), mc);
            }
            return s;
        }
    }

    /**
     * The estimated work of the layers' spectral norms ({@link CharPolyCost}): per weight matrix, the order of
     * its smaller Gram matrix and the bits of that matrix's entries over their common denominator (twice the
     * weights' numerator and lcm-denominator bits, plus the bits of the number of terms summed).
     */
    static long spectralNormWork(Network net) {
        if (!net.isLayered()) {
            return 0;
        }
        long total = 0;
        for (BigFraction[][] w : Layered.weights(net)) {
            int rows = w.length;
            int cols = w[0].length;
            java.math.BigInteger d = java.math.BigInteger.ONE;
            long numerator = 1;
            for (BigFraction[] row : w) {
                for (BigFraction x : row) {
                    if (!d.mod(x.getDenominator()).equals(java.math.BigInteger.ZERO)) {
                        d = org.flatcheck.exact.Q.lcm(d, x.getDenominator());
                    }
                    numerator = Math.max(numerator, x.getNumerator().bitLength());
                }
            }
            long bits = 2 * (numerator + d.bitLength()) + 64 - Long.numberOfLeadingZeros(Math.max(rows, cols));
            long work = org.flatcheck.exact.CharPolyCost.of(Math.min(rows, cols), bits);
            total = org.flatcheck.exact.WorkCount.plus(total, work);
        }
        return total;
    }

    /**
     * The weight matrices of a layered network with their norms: {@code ‖W‖_F²} exactly and
     * {@code ‖W‖₂² = λ_max(W Wᵀ) = λ_max(Wᵀ W)} (the smaller Gram matrix) as an exact algebraic number,
     * certified by {@link Spectrum} (characteristic polynomial and root isolation, exact).
     */
    static List<Layer> layers(Network net) {
        List<Layer> out = new ArrayList<>();
        for (BigFraction[][] w : Layered.weights(net)) {
            out.add(new Layer(QMatrix.of(w), frobeniusSquared(w), lambdaMaxOfGram(w)));
        }
        return out;
    }

    static BigFraction frobeniusSquared(BigFraction[][] w) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction[] row : w) {
            for (BigFraction x : row) {
                s = s.add(x.multiply(x));
            }
        }
        return s;
    }

    private static AlgebraicNumber lambdaMaxOfGram(BigFraction[][] w) {
        int rows = w.length;
        int cols = w[0].length;
        boolean byRows = rows <= cols;
        int k = byRows ? rows : cols;
        BigFraction[][] g = new BigFraction[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                BigFraction s = BigFraction.ZERO;
                for (int t = 0; t < (byRows ? cols : rows); t++) {
                    s = s.add(byRows ? w[a][t].multiply(w[b][t]) : w[t][a].multiply(w[t][b]));
                }
                g[a][b] = s;
                g[b][a] = s;
            }
        }
        return Spectrum.of(QMatrix.of(g), Spectrum.widthForDigits(1)).lambdaMaxExact();
    }
}
