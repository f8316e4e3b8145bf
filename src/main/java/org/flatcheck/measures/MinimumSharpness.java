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
import org.flatcheck.symmetry.Symmetry;

/**
 * Minimum sharpness, node-wise: the infimum of {@code tr ∇²L} over the node-rescaling orbit of θ — a
 * strengthening of Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612), who minimise over layer-wise
 * scalings ({@link MinimumSharpnessLayer}). A node rescaling c multiplies parameter k on the edge
 * {@code tail → head} by {@code c(head)/c(tail)} and, by the congruence law
 * {@code ∇²L(Dθ) = D⁻¹∇²L(θ)D⁻¹}, divides {@code Hₖₖ} by its square, so the value is
 * <pre>
 *   inf_{c > 0} Σₖ Hₖₖ (c(tail k)/c(head k))²  =  inf_{u} Σₖ Hₖₖ exp(aₖ·u),   u = ln c,
 * </pre>
 * with {@code aₖ = 2·1[tail hidden] − 2·1[head hidden]} on the hidden nodes (inputs, outputs and the bias
 * source are not rescaled): a geometric program with coefficients {@code Hₖₖ ≥ 0}.
 * <ul>
 *   <li>Without an edge between two hidden nodes every term involves one hidden node v, as {@code A_v/c_v²}
 *       (into v) or {@code B_v c_v²} (out of v), and the infimum is exactly the sum of
 *       {@code 2√(A_v B_v)} (AM–GM; 0 if one side vanishes) plus the terms touching no hidden node,
 *       enclosed to width 10⁻³⁰.
 *   <li>Otherwise {@link GeometricProgram} encloses it: the upper end is the objective at a rational
 *       rescaling found numerically, the lower end a dual certificate {@code Π (Hₖₖ/δₖ)^δₖ} for a rational
 *       δ ≥ 0 with {@code Σ δₖ = 1}, {@code Σ δₖ aₖ = 0} (weak duality of geometric programming, Boyd et al.
 *       2007, "A tutorial on geometric programming", §3), at least the AM–GM bound that drops the
 *       hidden-to-hidden terms. The two ends agree to many digits where the numerical solve converges.
 * </ul>
 * Terms with {@code Hₖₖ = 0} drop out (a hidden node none of whose terms remain is free). Being an infimum
 * over the orbit, the value is invariant under every symmetry (proofs/measures.md). Undefined where some
 * {@code Hₖₖ < 0} (the infimum may be −∞; it never happens for the squared loss, where
 * {@code Hₖₖ = (2/n) Σᵢ ‖∂f(xᵢ)/∂θₖ‖²}, but the check costs nothing).
 */
public final class MinimumSharpness implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("minimum-sharpness", "Ibayashi, Hamaguchi, Imaizumi 2021 (arXiv 2106.12612), node-wise",
            "inf over node rescalings c of tr ∇²L(R_c θ) = inf_c Σₖ Hₖₖ (c(tail k)/c(head k))²", Cost.HESSIAN);

    @Override
    public Metadata metadata() {
        return METADATA;
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
        GeometricProgram.Enclosure gp = program(net, a).enclose();
        Interval i = gp.interval();
        BigFraction lower = i.lo().compareTo(lo) >= 0 ? i.lo() : lo;
        if (lower.compareTo(i.hi()) > 0) {
            throw new IllegalStateException("lower end " + lower + " above the objective " + i.hi() + " at a rescaling");
        }
        return new Value.Certified(Interval.of(lower, i.hi()), null, "lower end: "
                + (lower.equals(lo) ? "hidden-to-hidden terms dropped (each ≥ 0)" : gp.lowerEnd())
                + "; upper end: the objective at a rational rescaling");
    }

    /** {@code Σₖ Hₖₖ exp(2u(tail) − 2u(head))} over the hidden nodes' log-scales u. */
    static GeometricProgram program(Network net, BigFraction[] a) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < hidden.length; i++) {
            index.put(hidden[i], i);
        }
        int[][] u = new int[a.length][hidden.length];
        for (int k = 0; k < a.length; k++) {
            Edge e = net.edge(k);
            if (index.containsKey(e.from())) {
                u[k][index.get(e.from())] += 2;
            }
            if (index.containsKey(e.to())) {
                u[k][index.get(e.to())] -= 2;
            }
        }
        return new GeometricProgram(a, u, hidden.length);
    }
}
