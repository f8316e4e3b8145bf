package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.numeric.LogSumExpMinimiser;

/**
 * The exact objective of {@link MinimumSharpnessLayer} at a rational layer scaling found numerically:
 * {@code F(a) = Σ_l T_l/a_l² + B_l/(Π_{k≤l} a_k)²} with {@code a_L = 1/Π_{k<L} a_k}. Any rational
 * feasible {@code a} gives an exact upper bound on the infimum.
 */
final class LayerScalingSearch {
    private LayerScalingSearch() {
    }

    /** An exact upper bound on {@code inf_a F(a)}: F at the rounded numerical minimiser. */
    static BigFraction minimise(BigFraction[] t, BigFraction[] b) {
        int layers = t.length;
        int free = layers - 1;
        java.util.List<double[]> us = new java.util.ArrayList<>();
        java.util.List<Double> cs = new java.util.ArrayList<>();
        for (int l = 0; l < layers; l++) {
            double[] uw = new double[free];
            double[] ub = new double[free];
            for (int k = 0; k < free; k++) {
                uw[k] = l < free ? (k == l ? -2 : 0) : 2;
                ub[k] = l < free && k <= l ? -2 : 0;
            }
            us.add(uw);
            cs.add(t[l].doubleValue());
            us.add(ub);
            cs.add(b[l].doubleValue());
        }
        double[] c = cs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] g = free == 0 ? new double[0] : LogSumExpMinimiser.minimise(c, us.toArray(new double[0][]), free);
        BigFraction[] a = new BigFraction[layers];
        BigFraction product = BigFraction.ONE;
        for (int k = 0; k < free; k++) {
            a[k] = Local.shortScale(g[k]);
            product = product.multiply(a[k]);
        }
        a[layers - 1] = product.reciprocal();
        return objective(t, b, a);
    }

    static BigFraction objective(BigFraction[] t, BigFraction[] b, BigFraction[] a) {
        BigFraction f = BigFraction.ZERO;
        BigFraction prefix = BigFraction.ONE;
        for (int l = 0; l < t.length; l++) {
            prefix = prefix.multiply(a[l]);
            f = f.add(t[l].divide(a[l].multiply(a[l]))).add(b[l].divide(prefix.multiply(prefix)));
        }
        return f;
    }
}
