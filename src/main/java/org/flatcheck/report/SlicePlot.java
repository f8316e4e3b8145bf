package org.flatcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
    /** Direction kinds. */
    public static final List<String> KINDS = List.of("random", "filter", "basis");

    private SlicePlot() {
    }

    /** 1-D slices, one curve per kind, t from −r to r. */
    public static Plot oneD(Network net, Dataset data, List<String> kinds, double r, int points, long seed) {
        List<Plot.Series> series = new ArrayList<>();
        for (String kind : kinds) {
            Direction d = direction(net, kind, new Random(seed + kind.hashCode()));
            double[] x = new double[points];
            double[] y = new double[points];
            for (int i = 0; i < points; i++) {
                double t = -r + 2 * r * i / (points - 1);
                x[i] = t;
                y[i] = loss(net, data, d.at(t, 0));
            }
            series.add(new Plot.Series(label(kind), x, y, null));
        }
        return new Plot("Loss along 1-D slices through θ", "t", "L(θ(t))", false, false, series, null,
                "numeric picture of exact losses; directions seeded (seed " + seed + ")");
    }

    /** A 2-D slice along two directions of one kind. */
    public static Plot twoD(Network net, Dataset data, String kind, double r, int points, long seed) {
        Random rnd = new Random(seed + kind.hashCode());
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
        return new Plot("Loss on a 2-D slice through θ (" + label(kind) + ")", "t₁", "t₂", false, false, List.of(),
                new Plot.Grid("L", ts, ts.clone(), z), "numeric picture of exact losses; directions seeded (seed " + seed + ")");
    }

    static String label(String kind) {
        return switch (kind) {
            case "random" -> "random direction";
            case "filter" -> "filter-normalised (Li et al. 2018)";
            default -> "basis-path values (Yi et al. 2019)";
        };
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

    static Direction direction(Network net, String kind, Random rnd) {
        BigFraction[] theta = net.parameters();
        int p = theta.length;
        double[] base = new double[p];
        for (int k = 0; k < p; k++) {
            base[k] = theta[k].doubleValue();
        }
        switch (kind) {
            case "random" -> {
                double[] d = new double[p];
                for (int k = 0; k < p; k++) {
                    d[k] = rnd.nextGaussian();
                }
                return additive(base, d);
            }
            case "filter" -> {
                double[] d = new double[p];
                for (int k = 0; k < p; k++) {
                    d[k] = net.edge(k).isBias() ? 0 : rnd.nextGaussian();
                }
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
                return additive(base, d);
            }
            case "basis" -> {
                for (BigFraction x : theta) {
                    if (x.getNumerator().signum() == 0) {
                        throw new IllegalArgumentException("basis-path directions need every parameter nonzero "
                                + "(a zero weight leaves basis-path values unable to determine the network)");
                    }
                }
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
                        logAbs += s.exponents()[k][b] * StrictMath.log(Math.abs(v[b].doubleValue()));
                        eg[k] += s.exponents()[k][b] * g[b];
                    }
                    star[k] = s.signs()[k] * StrictMath.exp(logAbs);
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
            default -> throw new IllegalArgumentException("unknown direction " + kind + "; use random, filter or basis");
        }
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
