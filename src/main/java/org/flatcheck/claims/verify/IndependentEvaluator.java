package org.flatcheck.claims.verify;

import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The certificate checker's own evaluation of a network, written apart from {@code calculus}: a plain
 * forward pass in {@code BigFraction}, second-order Taylor jets ({@link Jet}, pushed through the network
 * fraction-free by {@link JetPass}) for directional derivatives of the loss, and interval arithmetic for upper bounds of the loss over a box.
 *
 * <p>Derivatives are taken on the linear region of θ: the activation pattern is read off θ (a zero
 * pre-activation is a kink, and then no derivative is claimed) and frozen, so the loss along
 * {@code θ + t·u} becomes a polynomial in t that agrees with the true loss near {@code t = 0}; its
 * Taylor coefficients are the derivatives (docs/definitions.md, networks and the loss).
 */
final class IndependentEvaluator {
    private IndependentEvaluator() {
    }

    /** Thrown when θ sits on a kink of the data, so the loss has no derivatives there. */
    static final class Kink extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Kink(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code f_θ(x)}, by a plain forward pass. */
    static BigFraction[] outputs(Network net, BigFraction[] x) {
        BigFraction[] value = forward(net, x, null, -1);
        int[] outs = net.nodesOf(Kind.OUTPUT);
        BigFraction[] y = new BigFraction[outs.length];
        for (int j = 0; j < outs.length; j++) {
            y[j] = value[outs[j]];
        }
        return y;
    }

    /**
     * Every node's value on input x. With {@code active} given, records which hidden nodes are active
     * and throws {@link Kink} (naming data point {@code point}) at a zero pre-activation.
     */
    private static BigFraction[] forward(Network net, BigFraction[] x, boolean[] active, int point) {
        BigFraction[] value = new BigFraction[net.nodes().size()];
        value[Network.SOURCE] = BigFraction.ONE;
        int[] inputs = net.nodesOf(Kind.INPUT);
        for (int i = 0; i < inputs.length; i++) {
            value[inputs[i]] = x[i];
        }
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind != Kind.HIDDEN && kind != Kind.OUTPUT) {
                continue;
            }
            BigFraction pre = BigFraction.ZERO;
            for (int k : net.inEdges(v)) {
                Edge e = net.edge(k);
                pre = pre.add(e.weight().multiply(value[e.from()]));
            }
            int s = pre.compareTo(BigFraction.ZERO);
            if (kind == Kind.HIDDEN && active != null) {
                if (s == 0) {
                    throw new Kink("hidden node " + net.node(v).name() + " has pre-activation 0 on data point " + point);
                }
                active[v] = s > 0;
            }
            value[v] = kind == Kind.HIDDEN && s < 0 ? BigFraction.ZERO : pre;
        }
        return value;
    }

    /** {@code L(θ) = (1/n) Σᵢ ‖f(xᵢ) − yᵢ‖²}. */
    static BigFraction loss(Network net, Dataset data) {
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            BigFraction[] y = outputs(net, data.input(i));
            BigFraction[] target = data.target(i);
            for (int j = 0; j < y.length; j++) {
                BigFraction r = y[j].subtract(target[j]);
                sum = sum.add(r.multiply(r));
            }
        }
        return sum.divide(data.size());
    }

    /** The activation pattern of data point i: which hidden nodes are active; a kink throws. */
    private static boolean[] pattern(Network net, BigFraction[] x, int point) {
        boolean[] active = new boolean[net.nodes().size()];
        forward(net, x, active, point);
        return active;
    }

    /** Per-point losses {@code ‖f(xᵢ) − yᵢ‖²} as jets along the parameter jets, on θ's linear region. */
    static Jet[] pointLossJets(Network net, Dataset data, Jet[] params) {
        return pointLossJets(net, data, params, patterns(net, data));
    }

    /** Every data point's activation pattern at θ; a kink throws. */
    private static boolean[][] patterns(Network net, Dataset data) {
        boolean[][] active = new boolean[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            active[i] = pattern(net, data.input(i), i);
        }
        return active;
    }

    private static Jet[] pointLossJets(Network net, Dataset data, Jet[] params, boolean[][] patterns) {
        Jet[] out = new Jet[data.size()];
        JetPass pass = new JetPass(net, params);
        for (int i = 0; i < data.size(); i++) {
            Jet[] y = pass.outputs(data.input(i), patterns[i]);
            Jet s = Jet.ZERO;
            for (int j = 0; j < y.length; j++) {
                Jet r = y[j].subtract(Jet.constant(data.target(i)[j]));
                s = s.add(r.multiply(r));
            }
            out[i] = s;
        }
        return out;
    }

    /** The loss along the parameter jets. */
    static Jet lossJet(Network net, Dataset data, Jet[] params) {
        return lossJet(net, data, params, patterns(net, data));
    }

    /** The loss along each of several parameter jets, with θ's patterns found once. */
    static Jet[] lossJets(Network net, Dataset data, java.util.List<Jet[]> directions) {
        boolean[][] patterns = patterns(net, data);
        return directions.parallelStream().map(d -> lossJet(net, data, d, patterns)).toArray(Jet[]::new);
    }

    private static Jet lossJet(Network net, Dataset data, Jet[] params, boolean[][] patterns) {
        Jet sum = Jet.ZERO;
        for (Jet j : pointLossJets(net, data, params, patterns)) {
            sum = sum.add(j);
        }
        return sum.scale(Q.of(1, data.size()));
    }

    /** The loss along {@code θ + t·u}. */
    static Jet lossAlong(Network net, Dataset data, BigFraction[] u) {
        return lossJet(net, data, line(net, u));
    }

    /** {@code θ + t·u} as parameter jets. */
    static Jet[] line(Network net, BigFraction[] u) {
        BigFraction[] theta = net.parameters();
        Jet[] p = new Jet[theta.length];
        for (int k = 0; k < theta.length; k++) {
            p[k] = Jet.line(theta[k], u[k]);
        }
        return p;
    }

    /** Outputs at x along {@code θ + t·u} (pattern frozen at θ on x). */
    static Jet[] outputsAlong(Network net, BigFraction[] x, BigFraction[] u) {
        return new JetPass(net, line(net, u)).outputs(x, pattern(net, x, 0));
    }

    /** {@code Hₖₖ} for every k, each as {@code d²/dt² L(θ + t eₖ)}. */
    /** {@code ∂²L/∂θₖ²} for every k, from {@link #coordinateJets}. */
    static BigFraction[] hessianDiagonal(Network net, Dataset data) {
        return seconds(coordinateJets(net, data));
    }

    /** The second derivatives of the jets. */
    static BigFraction[] seconds(Jet[] jets) {
        return java.util.Arrays.stream(jets).map(Jet::second).toArray(BigFraction[]::new);
    }

    /** The first derivatives of the jets. */
    static BigFraction[] firsts(Jet[] jets) {
        return java.util.Arrays.stream(jets).map(Jet::a1).toArray(BigFraction[]::new);
    }

    /**
     * The loss's jets {@code L(θ + t eₖ)} for every coordinate k, to second order: {@code a1} is
     * {@code ∂L/∂θₖ}, {@code second()} is {@code ∂²L/∂θₖ²}.
     */
    static Jet[] coordinateJets(Network net, Dataset data) {
        int p = net.numParameters();
        long work = (long) p * net.edges().size() * data.size();
        if (work > MAX_WORK) {
            throw new CertificateVerifier.TooLarge("a Hessian diagonal of network " + net.name() + " (" + p
                    + " parameters, " + data.size() + " points) needs " + work + " jet operations; the checker does at most " + MAX_WORK);
        }
        boolean[][] patterns = patterns(net, data); // θ's patterns, the same for every direction
        // The directions are independent and exact: computed in parallel, collected by index, so the result
        // does not depend on the schedule.
        return java.util.stream.IntStream.range(0, p).parallel().mapToObj(k -> {
            BigFraction[] e = new BigFraction[p];
            java.util.Arrays.fill(e, BigFraction.ZERO);
            e[k] = BigFraction.ONE;
            Jet sum = Jet.ZERO;
            for (Jet j : pointLossJets(net, data, line(net, e), patterns)) {
                sum = sum.add(j);
            }
            return sum.scale(Q.of(1, data.size()));
        }).toArray(Jet[]::new);
    }

    /**
     * An upper bound of the loss over the box {@code lo ≤ θ ≤ hi} (parameters in the network's order)
     * by interval arithmetic: every pre-activation interval contains every value it can take, ReLU is
     * monotone, and {@code (y − target)²} is at most the larger square at the interval's ends.
     */
    static BigFraction lossUpperBoundOnBox(Network net, Dataset data, BigFraction[] lo, BigFraction[] hi) {
        BigFraction sum = BigFraction.ZERO;
        for (int i = 0; i < data.size(); i++) {
            Interval[] value = new Interval[net.nodes().size()];
            value[Network.SOURCE] = Interval.point(BigFraction.ONE);
            int[] inputs = net.nodesOf(Kind.INPUT);
            for (int j = 0; j < inputs.length; j++) {
                value[inputs[j]] = Interval.point(data.input(i)[j]);
            }
            for (int v : net.topologicalOrderOfNodes()) {
                Kind kind = net.node(v).kind();
                if (kind != Kind.HIDDEN && kind != Kind.OUTPUT) {
                    continue;
                }
                BigFraction a = BigFraction.ZERO;
                BigFraction b = BigFraction.ZERO;
                for (int k : net.inEdges(v)) {
                    Interval x = value[net.edge(k).from()];
                    BigFraction[] corners = {lo[k].multiply(x.lo()), lo[k].multiply(x.hi()), hi[k].multiply(x.lo()),
                        hi[k].multiply(x.hi())};
                    a = a.add(min(corners));
                    b = b.add(max(corners));
                }
                if (kind == Kind.HIDDEN) {
                    a = a.compareTo(BigFraction.ZERO) < 0 ? BigFraction.ZERO : a;
                    b = b.compareTo(BigFraction.ZERO) < 0 ? BigFraction.ZERO : b;
                }
                value[v] = Interval.of(a, b);
            }
            int[] outs = net.nodesOf(Kind.OUTPUT);
            for (int j = 0; j < outs.length; j++) {
                BigFraction t = data.target(i)[j];
                BigFraction r1 = value[outs[j]].lo().subtract(t);
                BigFraction r2 = value[outs[j]].hi().subtract(t);
                BigFraction s1 = r1.multiply(r1);
                BigFraction s2 = r2.multiply(r2);
                sum = sum.add(s1.compareTo(s2) >= 0 ? s1 : s2);
            }
        }
        return sum.divide(data.size());
    }

    /** The most jet multiply-adds (parameters × edges × points) of one Hessian diagonal the checker does. */
    static final long MAX_WORK = 50_000_000;

    /** The parameter index of edge {@code from → to}, or −1. */
    static int edgeIndex(Network net, int from, int to) {
        for (int k : net.outEdges(from)) {
            if (net.edge(k).to() == to) {
                return k;
            }
        }
        return -1;
    }

    /** The product of the weights along a path given by node indices. */
    static BigFraction pathValue(Network net, int[] nodes) {
        BigFraction v = BigFraction.ONE;
        for (int i = 0; i + 1 < nodes.length; i++) {
            v = v.multiply(net.edge(edgeIndex(net, nodes[i], nodes[i + 1])).weight());
        }
        return v;
    }

    /** The rank of a rational matrix by Gaussian elimination (plain, not fraction-free). */
    static int rank(BigFraction[][] m) {
        BigFraction[][] a = new BigFraction[m.length][];
        for (int i = 0; i < m.length; i++) {
            a[i] = m[i].clone();
        }
        int rank = 0;
        int cols = a.length == 0 ? 0 : a[0].length;
        for (int c = 0; c < cols && rank < a.length; c++) {
            int pivot = -1;
            for (int r = rank; r < a.length; r++) {
                if (!Q.isZero(a[r][c])) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            BigFraction[] t = a[pivot];
            a[pivot] = a[rank];
            a[rank] = t;
            for (int r = rank + 1; r < a.length; r++) {
                if (!Q.isZero(a[r][c])) {
                    BigFraction f = a[r][c].divide(a[rank][c]);
                    for (int j = c; j < cols; j++) {
                        a[r][j] = a[r][j].subtract(f.multiply(a[rank][j]));
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static BigFraction min(BigFraction[] xs) {
        BigFraction m = xs[0];
        for (BigFraction x : xs) {
            m = x.compareTo(m) < 0 ? x : m;
        }
        return m;
    }

    private static BigFraction max(BigFraction[] xs) {
        BigFraction m = xs[0];
        for (BigFraction x : xs) {
            m = x.compareTo(m) > 0 ? x : m;
        }
        return m;
    }
}
