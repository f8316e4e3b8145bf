package org.flatcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.flatcheck.exact.Q;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.measures.PsiMeasures;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.paths.BasisPaths;

/**
 * Loss slices {@code t ↦ L(θ(t))} through θ, in 1-D and 2-D, along three kinds of direction:
 * <ul>
 *   <li>{@code random}: {@code θ + t·d}, d Gaussian;</li>
 *   <li>{@code filter}: filter-normalised (Li et al. 2018, §4): each unit's incoming weight block of d is
 *       rescaled to the norm of θ's block, bias directions are 0 (their code's default), so the picture
 *       does not change when θ is rescaled unit by unit;</li>
 *   <li>{@code basis}: in basis-path values (Yi et al. 2019's PSI coordinates): {@code v_b(t) = v_b·e^{t g_b}},
 *       θ(t) the section point {@code s(v(t))} (proofs/psi-flatness.md), i.e.
 *       {@code θ(t)ₖ = θ*ₖ e^{t (E g)ₖ}}; a function of the rescaling class only.</li>
 * </ul>
 * Directions and off-grid points are doubles converted exactly to rationals; every loss is then exact
 * and rounded to a double for the picture (numeric).
 */
public final class SlicePlot {
    private SlicePlot() {
    }

    /** 1-D slices, one curve per kind, t from −r to r. */
    public static Plot oneD(Network net, Dataset data, List<SliceDirection> kinds, double r, int points, long seed) {
        List<Plot.Series> series = new ArrayList<>();
        for (SliceDirection kind : kinds) {
            Direction d = direction(net, kind, random(seed, kind));
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                double t = -r + 2 * r * i / (points - 1);
                x[i] = t;
                y[i] = loss(net, data, d.at(t, 0));
            }
            series.add(new Plot.Series(kind.label(), x, y, null));
        }
        return new Plot("Loss along 1-D slices through θ", "t", "L(θ(t))", false, false, series, null,
                "numeric picture of exact losses; directions seeded (seed " + seed + ")");
    }

    /** A 2-D slice along two directions of one kind. */
    public static Plot twoD(Network net, Dataset data, SliceDirection kind, double r, int points, long seed) {
        Random rnd = random(seed, kind);
        Direction d1 = direction(net, kind, rnd);
        Direction d2 = direction(net, kind, rnd);
        Direction both = d1.with(d2);
        double[] ts = new double[points];
        for (int i = 0; i < points; i++) {
            ts[i] = -r + 2 * r * i / (points - 1);
        }
        double[][] z = new double[points][points];
        for (int j = 0; j < points; j++) {
            for (int i = 0; i < points; i++) {
                z[j][i] = loss(net, data, both.at(ts[i], ts[j]));
            }
        }
        return new Plot("Loss on a 2-D slice through θ (" + kind.label() + ")", "t₁", "t₂", false, false, List.of(),
                new Plot.Grid("L", ts, ts.clone(), z), "numeric picture of exact losses; directions seeded (seed " + seed + ")");
    }

    /** The directions' generator: seeded by the seed and the kind's key (the same pictures on every run and machine). */
    private static Random random(long seed, SliceDirection kind) {
        return new Random(seed + kind.key().hashCode());
    }

    private static double loss(Network net, Dataset data, double[] theta) {
        BigFraction[] p = new BigFraction[theta.length];
        for (int k = 0; k < p.length; k++) {
            p[k] = org.flatcheck.io.Float64.exact(theta[k]);
        }
        return LocalModel.of(net.withParameters(p), data).loss().doubleValue();
    }

    /** θ(t₁, t₂) for a direction (or pair). */
    interface Direction {
        double[] at(double t1, double t2);

        /** The 2-D slice spanned by this direction and {@code second} (additive: θ + t₁d₁ + t₂d₂). */
        default Direction with(Direction second) {
            Direction first = this;
            return (a, b) -> {
                double[] p = first.at(a, 0);
                double[] q = second.at(b, 0);
                double[] base = first.at(0, 0);
                double[] out = new double[p.length];
                for (int k = 0; k < out.length; k++) {
                    out[k] = p[k] + q[k] - base[k];
                }
                return out;
            };
        }
    }

    static Direction direction(Network net, SliceDirection kind, Random rnd) {
        BigFraction[] theta = net.parameters();
        double[] base = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            base[k] = theta[k].doubleValue();
        }
        return switch (kind) {
            case RANDOM -> additive(base, gaussian(net, rnd, true));
            case FILTER -> additive(base, filterNormalised(net, base, gaussian(net, rnd, false)));
            case BASIS -> basisPath(net, theta, rnd);
        };
    }

    /** A Gaussian direction; without {@code biases}, 0 on the bias parameters (no draw for them). */
    private static double[] gaussian(Network net, Random rnd, boolean biases) {
        double[] d = new double[net.numParameters()];
        for (int k = 0; k < d.length; k++) {
            d[k] = biases || !net.edge(k).isBias() ? rnd.nextGaussian() : 0;
        }
        return d;
    }

    /** {@code d} with each unit's incoming weight block rescaled to the norm of θ's block (Li et al. 2018, §4). */
    private static double[] filterNormalised(Network net, double[] base, double[] d) {
        for (int v = 0; v < net.nodes().size(); v++) {
            double nd = 0;
            double nt = 0;
            for (int k : net.inEdges(v)) {
                Edge e = net.edge(k);
                if (!e.isBias()) {
                    nd += d[k] * d[k];
                    nt += base[k] * base[k];
                }
            }
            double f = nd == 0 ? 0 : Math.sqrt(nt / nd);
            for (int k : net.inEdges(v)) {
                d[k] *= f;
            }
        }
        return d;
    }

    /** {@code θ(t)ₖ = θ*ₖ e^{t (E g)ₖ}}: the section point of the basis-path values {@code v_b·e^{t g_b}}. */
    private static Direction basisPath(Network net, BigFraction[] theta, Random rnd) {
        for (BigFraction x : theta) {
            if (Q.isZero(x)) {
                throw new IllegalArgumentException("basis-path directions need every parameter nonzero "
                        + "(a zero weight leaves basis-path values unable to determine the network)");
            }
        }
        int p = theta.length;
        PsiMeasures.Section s = PsiMeasures.section(net, "diagonal");
        BasisPaths basis = s.basis();
        double[] g = new double[basis.size()];
        for (int b = 0; b < g.length; b++) {
            g[b] = rnd.nextGaussian();
        }
        double[] star = new double[p];
        double[] eg = new double[p];
        BigFraction[] v = basis.values();
        for (int k = 0; k < p; k++) {
            double logAbs = 0;
            for (int b = 0; b < g.length; b++) {
                logAbs += s.exponent(k, b) * StrictMath.log(Math.abs(v[b].doubleValue()));
                eg[k] += s.exponent(k, b) * g[b];
            }
            star[k] = s.sign(k) * StrictMath.exp(logAbs);
        }
        return new Direction() {
            @Override
            public double[] at(double t1, double t2) {
                double[] out = new double[p];
                for (int k = 0; k < p; k++) {
                    out[k] = star[k] * StrictMath.exp(t1 * eg[k]);
                }
                return out;
            }

            @Override
            public Direction with(Direction second) {
                return (a, b) -> {
                    double[] q = second.at(b, 0);
                    double[] out = at(a, 0);
                    for (int k = 0; k < p; k++) {
                        out[k] = out[k] * q[k] / star[k];
                    }
                    return out;
                };
            }
        };
    }

    private static Direction additive(double[] base, double[] d) {
        return (t1, t2) -> {
            double[] out = new double[base.length];
            for (int k = 0; k < out.length; k++) {
                out[k] = base[k] + t1 * d[k];
            }
            return out;
        };
    }
}
