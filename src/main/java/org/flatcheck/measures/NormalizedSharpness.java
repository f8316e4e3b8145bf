package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.numeric.LogSumExpMinimiser;
import org.flatcheck.symmetry.Symmetry;

/**
 * Normalized sharpness [T20], summed over weight layers (biases excluded), with {@code Hᵢⱼ} the Hessian's
 * diagonal entry of weight {@code Wᵢⱼ} of the layer. The paper's two versions differ (as read from the
 * implementation of Ibayashi et al., which notes that the two "do not return same results"):
 * <ul>
 *   <li>{@code normalized-sharpness} (arXiv version): {@code min_{α,β>0} Σᵢⱼ (Hᵢⱼ αᵢ βⱼ + Wᵢⱼ²/(αᵢ βⱼ))}, which
 *       after eliminating α is {@code min_β 2 Σᵢ √((Σⱼ Hᵢⱼβⱼ)(Σⱼ Wᵢⱼ²/βⱼ))} — a sum of square roots;
 *   <li>{@code normalized-sharpness-icml} (ICML version): {@code min_β √(Σᵢ (Σⱼ Hᵢⱼβⱼ)(Σⱼ Wᵢⱼ²/βⱼ))} — the
 *       square root of a sum.
 * </ul>
 * Certified: the objective at a rational point found numerically is the upper end; the lower end is
 * AM–GM term by term ({@code Σᵢⱼ 2|Wᵢⱼ|√Hᵢⱼ}), resp. Cauchy–Schwarz row by row
 * ({@code √(Σᵢ (Σⱼ |Wᵢⱼ|√Hᵢⱼ)²)}), both invariant. Invariant under every symmetry: a node rescaling
 * multiplies {@code Hᵢⱼ} and {@code Wᵢⱼ²} by inverse factors that α, β absorb. Undefined where some
 * {@code Hᵢⱼ < 0} (the minimum is then −∞).
 */
public class NormalizedSharpness implements FlatnessMeasure {
    private final boolean icml;
    private final Metadata metadata;

    public NormalizedSharpness() {
        this(false);
    }

    NormalizedSharpness(boolean icml) {
        this.icml = icml;
        this.metadata = Metadata.of(icml ? "normalized-sharpness-icml" : "normalized-sharpness",
                "Tsuzuku, Sato, Sugiyama 2020 (" + (icml ? "ICML version" : "arXiv 1901.04653 version") + ")",
                icml ? "Σ_layers min_β √(Σᵢ (Σⱼ Hᵢⱼ βⱼ)(Σⱼ Wᵢⱼ²/βⱼ)), Hᵢⱼ = ∂²L/∂Wᵢⱼ²"
                        : "Σ_layers min_{α,β} Σᵢⱼ (Hᵢⱼ αᵢβⱼ + Wᵢⱼ²/(αᵢβⱼ)), Hᵢⱼ = ∂²L/∂Wᵢⱼ²", Cost.HESSIAN);
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        if (!net.isLayered()) {
            return new Value.Undefined("defined for layered networks (weight matrices)");
        }
        return Local.kink(net, data).orElseGet(() -> value(net, Local.hessian(net, data)));
    }

    private Value value(Network net, QMatrix h) {
        int[] sizes = net.layers().orElseThrow();
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        for (int l = 0; l + 1 < sizes.length; l++) {
            BigFraction[][] hm = new BigFraction[sizes[l + 1]][sizes[l]];
            BigFraction[][] w2 = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int k = 0; k < net.numParameters(); k++) {
                Edge e = net.edge(k);
                if (!e.isBias() && net.depth(e.to()) == l + 1) {
                    int i = net.indexWithinLayer(e.to(), l + 1);
                    int j = net.indexWithinLayer(e.from(), l);
                    hm[i][j] = h.get(k, k);
                    w2[i][j] = e.weight().multiply(e.weight());
                    if (hm[i][j].getNumerator().signum() < 0) {
                        return new Value.Undefined("the Hessian's diagonal entry for " + net.parameterName(k)
                                + " is negative, so the minimum is −∞");
                    }
                }
            }
            Interval layer = icml ? icmlLayer(hm, w2) : arxivLayer(hm, w2);
            lo = lo.add(layer.lo());
            hi = hi.add(layer.hi());
        }
        return new Value.Certified(Interval.of(lo, hi), null,
                "lower end: " + (icml ? "Cauchy–Schwarz" : "AM–GM") + " bound; upper end: the objective at a rational point");
    }

    /** √(Hᵢⱼ Wᵢⱼ²) = |Wᵢⱼ|√Hᵢⱼ enclosed, per entry. */
    private static Interval[][] roots(BigFraction[][] hm, BigFraction[][] w2) {
        Interval[][] r = new Interval[hm.length][];
        for (int i = 0; i < hm.length; i++) {
            r[i] = new Interval[hm[i].length];
            for (int j = 0; j < hm[i].length; j++) {
                r[i][j] = SquareRoots.sqrt(hm[i][j].multiply(w2[i][j]), Local.WIDTH);
            }
        }
        return r;
    }

    private static Interval arxivLayer(BigFraction[][] hm, BigFraction[][] w2) {
        Interval[][] r = roots(hm, w2);
        BigFraction lo = BigFraction.ZERO;
        for (Interval[] row : r) {
            for (Interval x : row) {
                lo = lo.add(x.lo().multiply(2));
            }
        }
        int rows = hm.length;
        int cols = hm[0].length;
        int terms = 2 * rows * cols;
        double[] c = new double[terms];
        double[][] u = new double[terms][rows + cols];
        int t = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                c[t] = hm[i][j].doubleValue();
                u[t][i] = 1;
                u[t][rows + j] = 1;
                t++;
                c[t] = w2[i][j].doubleValue();
                u[t][i] = -1;
                u[t][rows + j] = -1;
                t++;
            }
        }
        double[] g = LogSumExpMinimiser.minimise(c, u, rows + cols);
        BigFraction hi = BigFraction.ZERO;
        BigFraction[] ab = rationalExp(g);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                BigFraction s = ab[i].multiply(ab[rows + j]);
                hi = hi.add(hm[i][j].multiply(s)).add(w2[i][j].divide(s));
            }
        }
        return Interval.of(lo, hi.compareTo(lo) < 0 ? lo : hi);
    }

    private static Interval icmlLayer(BigFraction[][] hm, BigFraction[][] w2) {
        Interval[][] r = roots(hm, w2);
        BigFraction inner = BigFraction.ZERO;
        for (Interval[] row : r) {
            BigFraction s = BigFraction.ZERO;
            for (Interval x : row) {
                s = s.add(x.lo());
            }
            inner = inner.add(s.multiply(s));
        }
        BigFraction lo = SquareRoots.sqrt(inner, Local.WIDTH).lo();
        int rows = hm.length;
        int cols = hm[0].length;
        double[] c = new double[rows * cols * cols];
        double[][] u = new double[c.length][cols];
        int t = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                for (int k = 0; k < cols; k++) {
                    c[t] = hm[i][j].doubleValue() * w2[i][k].doubleValue();
                    u[t][j] += 1;
                    u[t][k] -= 1;
                    t++;
                }
            }
        }
        double[] g = LogSumExpMinimiser.minimise(c, u, cols);
        BigFraction[] beta = rationalExp(g);
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < rows; i++) {
            BigFraction a = BigFraction.ZERO;
            BigFraction b = BigFraction.ZERO;
            for (int j = 0; j < cols; j++) {
                a = a.add(hm[i][j].multiply(beta[j]));
                b = b.add(w2[i][j].divide(beta[j]));
            }
            sum = sum.add(a.multiply(b));
        }
        BigFraction hi = SquareRoots.sqrt(sum, Local.WIDTH).hi();
        return Interval.of(lo, hi.compareTo(lo) < 0 ? lo : hi);
    }

    private static BigFraction[] rationalExp(double[] g) {
        BigFraction[] out = new BigFraction[g.length];
        for (int i = 0; i < g.length; i++) {
            out[i] = Local.shortScale(g[i]);
        }
        return out;
    }

    /** The ICML version. */
    public static final class Icml extends NormalizedSharpness {
        public Icml() {
            super(true);
        }
    }
}
