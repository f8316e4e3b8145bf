package org.flatcheck.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.flatcheck.exact.Q;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.LayerScaling;

/**
 * Measures along a layer-scaling orbit (Dinh et al. 2017 §4): {@code T_α} multiplies the first weight
 * layer by α and divides the last by α, so every {@code T_αθ} computes θ's function. Hessian λ_max and
 * trace move like α² and 1/α²; invariant measures (PSI-flatness, the quotient Hessian) stay flat. The α
 * are rational (3 significant digits of a geometric grid); each value is exact or certified and rounded
 * to a double for the picture.
 */
public final class OrbitPlot {
    /** The measures plotted, in this order. */
    public static final List<String> MEASURES = List.of("hessian-lambda-max", "hessian-trace", "psi-flatness-trace",
            "quotient-hessian-trace");

    private OrbitPlot() {
    }

    /** The plot for α from {@code lo} to {@code hi} (both > 0) at {@code points} values. */
    public static Plot of(Network net, Dataset data, BigFraction lo, BigFraction hi, int points, int maxSpectrumParams) {
        if (!net.isLayered() || net.layers().orElseThrow().length < 3) {
            throw new IllegalArgumentException("needs a layered network with a hidden layer (layer scalings act on layers)");
        }
        int depth = net.layers().orElseThrow().length - 1;
        BigFraction[] alphas = grid(lo, hi, points);
        Catalog catalog = Catalog.builtIn();
        List<Plot.Series> series = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (String id : MEASURES) {
            FlatnessMeasure m = catalog.get(id).orElseThrow();
            if (m.metadata().cost() == FlatnessMeasure.Cost.SPECTRUM && net.numParameters() > maxSpectrumParams) {
                notes.add(id + " skipped (P = " + net.numParameters() + " > --max-spectrum-params " + maxSpectrumParams + ")");
                continue;
            }
            double[] x = new double[alphas.length];
            double[] y = new double[alphas.length];
            int n = 0;
            String undefined = null;
            for (BigFraction a : alphas) {
                Value v = m.compute(LayerScaling.firstAndLast(depth, a).apply(net), data, Options.DEFAULTS);
                Double d = toDouble(v);
                if (d == null) {
                    undefined = v.describe();
                    continue;
                }
                x[n] = a.doubleValue();
                y[n] = d;
                n++;
            }
            if (n == 0) {
                notes.add(id + " undefined (" + undefined + ")");
                continue;
            }
            series.add(new Plot.Series(id, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n), null));
        }
        boolean positive = series.stream().allMatch(s -> java.util.Arrays.stream(s.y()).allMatch(v -> v > 0));
        String note = "numeric picture of exact/certified values; α rounded to 3 significant digits"
                + (positive ? "" : "; linear y axis (some value ≤ 0)") + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return new Plot("Measures along the layer-scaling orbit T_α θ (same function)", "α (first layer ×α, last ÷α)",
                "value", true, positive, series, null, note);
    }

    /** {@code points} rationals, geometric from lo to hi, each to 3 significant digits. */
    static BigFraction[] grid(BigFraction lo, BigFraction hi, int points) {
        BigFraction[] out = new BigFraction[points];
        double a = StrictMath.log(lo.doubleValue());
        double b = StrictMath.log(hi.doubleValue());
        for (int i = 0; i < points; i++) {
            if (i == 0 || i == points - 1) {
                out[i] = i == 0 ? lo : hi;
                continue;
            }
            double v = StrictMath.exp(a + (b - a) * i / (points - 1));
            BigDecimal d = new BigDecimal(v).round(new MathContext(3));
            out[i] = Q.of(d.unscaledValue()).multiply(BigFraction.ONE.divide(java.math.BigInteger.TEN.pow(Math.max(0, d.scale()))))
                    .multiply(Q.of(java.math.BigInteger.TEN.pow(Math.max(0, -d.scale()))));
        }
        return out;
    }

    /** The double of an exact, certified or numeric value; null otherwise. */
    static Double toDouble(Value v) {
        if (v instanceof Value.Exact e) {
            return e.value().doubleValue();
        }
        if (v instanceof Value.Certified c) {
            return c.interval().midpoint().doubleValue();
        }
        if (v instanceof Value.Numeric n) {
            return n.value().doubleValue();
        }
        return null;
    }
}
