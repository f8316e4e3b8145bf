package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node;
import org.flatcheck.symmetry.Symmetry;

/**
 * The Hessian trace at the norm-balanced point of the rescaling orbit (cf. the gauge fixing by norm balancing
 * of Terin, arXiv 2602.14729): {@code tr ∇²L(θ*)}, {@code θ* = argmin ‖Dθ‖²} over node rescalings D. When no
 * hidden unit feeds another (one hidden layer, or DAGs whose hidden units talk only to inputs, biases and
 * outputs) the units decouple: with {@code I_v} and {@code O_v} the squared norms of unit v's incoming
 * parameters (bias included) and outgoing weights, {@code ‖Dθ‖² = Σ_v (c_v² I_v + O_v/c_v²) + const} is least
 * at {@code c_v² = √(O_v/I_v)} (the balanced point: {@code ‖in_v‖ = ‖out_v‖}), unique when every
 * {@code I_v, O_v > 0}. By the congruence law the Hessian's diagonal there is {@code Hₖₖ/c_v²} on v's incoming
 * parameters and {@code Hₖₖ c_v²} on its outgoing weights, so
 * <pre>  tr ∇²L(θ*) = T₀ + Σ_v (A_v I_v + B_v O_v)/√(I_v O_v),</pre>
 * {@code A_v}, {@code B_v} the sums of {@code Hₖₖ} over v's incoming and outgoing parameters, T₀ over the
 * parameters that touch no hidden unit: a sum of square roots of rationals, certified to width 10⁻³⁰.
 *
 * <p>The balanced point is the same for every point of an orbit, so the value is invariant under node
 * rescaling and layer scaling, at every point; permutations permute it. Undefined where a unit has no
 * incoming or no outgoing weight (the infimum is not attained). Where hidden units feed hidden units the scales
 * are coupled: {@link CoupledBalance} encloses the balanced log-scales in a box certified by the Krawczyk test
 * (up to {@value CoupledBalance#MAX_UNITS} hidden units), and the trace {@code Σₖ Hₖₖ e^{−aₖ·u}} is enclosed
 * over that box.
 */
public final class BalancedHessianTrace implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("balanced-hessian-trace",
            "the Hessian trace at the norm-balanced point of the rescaling orbit (norm balancing as in Terin 2026, arXiv 2602.14729)",
            "tr ∇²L(θ*), θ* = argmin_D ‖Dθ‖² over node rescalings (‖in_v‖ = ‖out_v‖ for every hidden unit)", Cost.HESSIAN);

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
        int nodes = net.nodes().size();
        BigFraction[] in = CoupledBalance.zeros(nodes);
        BigFraction[] out = CoupledBalance.zeros(nodes);
        boolean feeds = false;
        for (Edge e : net.edges()) {
            BigFraction w2 = e.weight().multiply(e.weight());
            if (hidden(net, e.to())) {
                in[e.to()] = in[e.to()].add(w2);
            }
            if (hidden(net, e.from())) {
                out[e.from()] = out[e.from()].add(w2);
            }
            feeds |= hidden(net, e.from()) && hidden(net, e.to());
        }
        for (int v = 0; v < nodes; v++) {
            if (hidden(net, v) && (Q.isZero(in[v]) || Q.isZero(out[v]))) {
                return new Value.Undefined("hidden unit " + net.node(v).name() + " has " + (Q.isZero(in[v]) ? "no incoming" : "no outgoing")
                        + " weight: ‖Dθ‖² has no minimiser on the orbit (the infimum is approached as its scale → "
                        + (Q.isZero(in[v]) ? "∞" : "0") + ")");
            }
        }
        boolean coupled = feeds;
        if (coupled && net.nodesOf(Node.Kind.HIDDEN).length > CoupledBalance.MAX_UNITS) {
            return new Value.Undefined("more than " + CoupledBalance.MAX_UNITS + " coupled hidden units: the certified "
                    + "balanced point is not attempted");
        }
        java.util.Optional<Interval[]> scales = coupled ? CoupledBalance.of(net) : java.util.Optional.empty();
        if (coupled && scales.isEmpty()) {
            return new Value.Undefined("the balanced point could not be certified (the Krawczyk test failed)");
        }
        return Local.kink(net, data).orElseGet(() -> {
            QMatrix h = Local.hessian(net, data);
            if (coupled) {
                BigFraction[] d = new BigFraction[net.numParameters()];
                for (int k = 0; k < d.length; k++) {
                    d[k] = h.get(k, k);
                }
                return new Value.Certified(CoupledBalance.weightedSum(net, d, scales.get()), null,
                        "Σₖ Hₖₖ e^{−aₖ·u} over a box holding the balanced log-scales u*, certified by the Krawczyk test");
            }
            return closedForm(net, h, in, out);
        });
    }

    /** Hidden units that feed no hidden unit: {@code T₀ + Σ_v (A_v I_v + B_v O_v)/√(I_v O_v)}. */
    private static Value closedForm(Network net, QMatrix h, BigFraction[] in, BigFraction[] out) {
        int nodes = net.nodes().size();
        BigFraction[] a = CoupledBalance.zeros(nodes);
        BigFraction[] b = CoupledBalance.zeros(nodes);
        BigFraction t0 = BigFraction.ZERO;
        for (int k = 0; k < net.numParameters(); k++) {
            Edge e = net.edge(k);
            if (hidden(net, e.to())) {
                a[e.to()] = a[e.to()].add(h.get(k, k));
            } else if (hidden(net, e.from())) {
                b[e.from()] = b[e.from()].add(h.get(k, k));
            } else {
                t0 = t0.add(h.get(k, k));
            }
        }
        BigFraction lo = t0;
        BigFraction hi = t0;
        for (int v = 0; v < nodes; v++) {
            if (!hidden(net, v)) {
                continue;
            }
            // (A I + B O)/√(I O): the square root of a positive rational, enclosed; the numerator may be negative
            BigFraction num = a[v].multiply(in[v]).add(b[v].multiply(out[v]));
            BigFraction io = in[v].multiply(out[v]);
            // width below √(IO) (√x ≥ x for x ≤ 1), so the lower end stays positive
            Interval root = SquareRoots.sqrt(io, Local.WIDTH.multiply(Q.min(BigFraction.ONE, io)).divide(nodes));
            Interval term = Q.signum(num) >= 0 ? Interval.of(num.divide(root.hi()), num.divide(root.lo()))
                    : Interval.of(num.divide(root.lo()), num.divide(root.hi()));
            lo = lo.add(term.lo());
            hi = hi.add(term.hi());
        }
        return new Value.Certified(Interval.of(lo, hi), null,
                "T₀ + Σ_v (A_v I_v + B_v O_v)/√(I_v O_v), each square root enclosed by exact root isolation");
    }

    private static boolean hidden(Network net, int v) {
        return net.node(v).kind() == Node.Kind.HIDDEN;
    }
}
