package org.flatcheck.measures;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;
import org.flatcheck.numeric.LogSumExpMinimiser;

/**
 * Minimum sharpness, node-wise (MATH §4, a strengthening of [I21]): the infimum of {@code tr ∇²L} over
 * the node-rescaling orbit of θ, {@code inf_c Σₖ Hₖₖ · (c(tail)/c(head))²} (the congruence law of MATH
 * §2 scales {@code Hₖₖ} by {@code 1/dₖ²}). Terms on edges between two hidden nodes are ≥ 0; without
 * them every term involves one hidden node {@code v}, as {@code A_v/c_v²} (into v) or {@code B_v c_v²}
 * (out of v), whose infimum is {@code 2√(A_v B_v)} (AM–GM; 0 if one side vanishes). So: the sum of
 * those over hidden nodes, plus the terms not touching a hidden node, is the exact value when no edge
 * joins two hidden nodes and a certified lower end otherwise; the objective at a rational rescaling
 * found numerically is a certified upper end. With two or more hidden layers that lower end is
 * sound but can be weak (0 when every hidden unit's in- or out-terms are hidden-to-hidden); no dual
 * certificate of the coupled (geometric-programming) problem is attempted. Being an infimum over the orbit, it is invariant under
 * every symmetry (proofs/measures.md). Undefined where some {@code Hₖₖ < 0} (the infimum may be −∞).
 */
public final class MinimumSharpness implements FlatnessMeasure {
    @Override
    public Cost cost() {
        return Cost.HESSIAN;
    }

    @Override
    public String id() {
        return "minimum-sharpness";
    }

    @Override
    public String citation() {
        return "Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612), node-wise";
    }

    @Override
    public String formula() {
        return "inf over node rescalings c of tr ∇²L(R_c θ) = inf_c Σₖ Hₖₖ (c(tail k)/c(head k))²";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return Verdict.INVARIANT;
    }

    @Override
    public Value compute(Network net, Dataset data) {
        return Local.kink(net, data).orElseGet(() -> value(net, Local.hessian(net, data)));
    }

    private static Value value(Network net, QMatrix h) {
        int p = net.numParameters();
        BigFraction[] a = new BigFraction[p];
        for (int k = 0; k < p; k++) {
            a[k] = h.get(k, k);
            if (a[k].getNumerator().signum() < 0) {
                return new Value.Undefined("the Hessian's diagonal entry for " + net.parameterName(k)
                        + " is negative, so the infimum over rescalings can be −∞");
            }
        }
        Map<Integer, BigFraction> in = new HashMap<>();
        Map<Integer, BigFraction> out = new HashMap<>();
        BigFraction fixed = BigFraction.ZERO;
        boolean coupled = false;
        for (int k = 0; k < p; k++) {
            Edge e = net.edge(k);
            boolean tailHidden = net.node(e.from()).kind() == Kind.HIDDEN;
            boolean headHidden = net.node(e.to()).kind() == Kind.HIDDEN;
            if (tailHidden && headHidden) {
                coupled = true;
            } else if (headHidden) {
                in.merge(e.to(), a[k], BigFraction::add);
            } else if (tailHidden) {
                out.merge(e.from(), a[k], BigFraction::add);
            } else {
                fixed = fixed.add(a[k]);
            }
        }
        BigFraction lo = fixed;
        BigFraction hi = fixed;
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            BigFraction product = in.getOrDefault(v, BigFraction.ZERO).multiply(out.getOrDefault(v, BigFraction.ZERO));
            Interval root = SquareRoots.sqrt(product.multiply(4), Local.WIDTH);
            lo = lo.add(root.lo());
            hi = hi.add(root.hi());
        }
        if (!coupled) {
            return new Value.Certified(Interval.of(lo, hi), null, "2√(A_v B_v) per hidden node, enclosed to 1e-30");
        }
        BigFraction upper = feasible(net, a);
        return new Value.Certified(Interval.of(lo, upper.compareTo(lo) < 0 ? lo : upper), null,
                "lower end: hidden-to-hidden terms dropped (each ≥ 0); upper end: the objective at a rational rescaling");
    }

    /** The exact objective at a rational rescaling found by a numerical geometric-program solve. */
    private static BigFraction feasible(Network net, BigFraction[] a) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < hidden.length; i++) {
            index.put(hidden[i], i);
        }
        double[] c = new double[a.length];
        double[][] u = new double[a.length][hidden.length];
        for (int k = 0; k < a.length; k++) {
            Edge e = net.edge(k);
            c[k] = a[k].doubleValue();
            // a_k (c_tail / c_head)² = a_k exp(2γ_tail − 2γ_head)
            if (index.containsKey(e.from())) {
                u[k][index.get(e.from())] += 2;
            }
            if (index.containsKey(e.to())) {
                u[k][index.get(e.to())] -= 2;
            }
        }
        double[] g = LogSumExpMinimiser.minimise(c, u, hidden.length);
        BigFraction[] scale = new BigFraction[net.nodes().size()];
        java.util.Arrays.fill(scale, BigFraction.ONE);
        for (int i = 0; i < hidden.length; i++) {
            scale[hidden[i]] = Local.shortScale(g[i]);
        }
        BigFraction f = BigFraction.ZERO;
        for (int k = 0; k < a.length; k++) {
            Edge e = net.edge(k);
            BigFraction d = scale[e.from()].divide(scale[e.to()]);
            f = f.add(a[k].multiply(d).multiply(d));
        }
        return f;
    }
}
