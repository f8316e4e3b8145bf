package org.flatcheck.paths;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * A skeleton (docs/definitions.md §paths, [M19, Z19]): for every effective hidden node {@code v} — one on some path from
 * an input or the bias source to an output — a chosen incoming edge {@code in(v)} and outgoing edge
 * {@code out(v)}, both effective. The basis paths, and everything defined through them (the PSI
 * quantities of [Y19]), depend on this choice, so the rule is explicit:
 * <ul>
 *   <li>{@code diagonal} (default): [M19]'s rule generalised to unequal widths — for unit {@code j} of
 *       hidden layer {@code l}, the weight edges from unit {@code j mod d_{l−1}} and to unit
 *       {@code j mod d_{l+1}}; for DAGs, as {@code first};
 *   <li>{@code first}: the first effective incoming weight edge (the bias only if there is none) and
 *       the first effective outgoing edge, in parameter order;
 *   <li>{@code random:SEED}: uniformly random effective edges, for studying the dependence.
 * </ul>
 */
public final class Skeleton {
    private final String rule;
    private final int[] in;
    private final int[] out;
    private final boolean[] effectiveEdge;

    private Skeleton(String rule, int[] in, int[] out, boolean[] effectiveEdge) {
        this.rule = rule;
        this.in = in;
        this.out = out;
        this.effectiveEdge = effectiveEdge;
    }

    /**
     * The skeleton of {@code net} under {@code rule} ({@code diagonal}, {@code first} or
     * {@code random:SEED}).
     *
     * @throws IllegalArgumentException for an unknown rule
     */
    public static Skeleton of(Network net, String rule) {
        String r = rule.toLowerCase(Locale.ROOT);
        boolean[] effective = effectiveEdges(net);
        int n = net.nodes().size();
        int[] in = new int[n];
        int[] out = new int[n];
        Arrays.fill(in, -1);
        Arrays.fill(out, -1);
        Random random = null;
        if (r.startsWith("random:")) {
            try {
                random = new Random(Long.parseLong(r.substring(7)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("skeleton rule " + rule + ": the seed must be an integer");
            }
        } else if (!r.equals("diagonal") && !r.equals("first")) {
            throw new IllegalArgumentException("unknown skeleton rule " + rule + "; use diagonal, first or random:SEED");
        }
        boolean diagonal = r.equals("diagonal") && net.layers().isPresent();
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            int[] ins = effectiveOf(net.inEdges(v), effective);
            int[] outs = effectiveOf(net.outEdges(v), effective);
            if (ins.length == 0 || outs.length == 0) {
                continue;
            }
            if (random != null) {
                in[v] = ins[random.nextInt(ins.length)];
                out[v] = outs[random.nextInt(outs.length)];
            } else if (diagonal) {
                in[v] = diagonalIn(net, v, ins);
                out[v] = diagonalOut(net, v, outs);
            } else {
                in[v] = firstWeightEdge(net, ins);
                out[v] = outs[0];
            }
        }
        return new Skeleton(r, in, out, effective);
    }

    private static int diagonalIn(Network net, int v, int[] ins) {
        int l = net.depth(v);
        int j = net.indexWithinLayer(v, l);
        int width = net.layers().orElseThrow()[l - 1];
        for (int k : ins) {
            Edge e = net.edge(k);
            if (!e.isBias() && net.indexWithinLayer(e.from(), l - 1) == j % width) {
                return k;
            }
        }
        return firstWeightEdge(net, ins);
    }

    private static int diagonalOut(Network net, int v, int[] outs) {
        int l = net.depth(v);
        int j = net.indexWithinLayer(v, l);
        int width = net.layers().orElseThrow()[l + 1];
        for (int k : outs) {
            if (net.indexWithinLayer(net.edge(k).to(), l + 1) == j % width) {
                return k;
            }
        }
        return outs[0];
    }

    private static int firstWeightEdge(Network net, int[] ins) {
        for (int k : ins) {
            if (!net.edge(k).isBias()) {
                return k;
            }
        }
        return ins[0];
    }

    private static int[] effectiveOf(int[] edges, boolean[] effective) {
        return Arrays.stream(edges).filter(k -> effective[k]).toArray();
    }

    /** Edges on some path from an input or the source to an output. */
    static boolean[] effectiveEdges(Network net) {
        return effectiveEdges(net, true);
    }

    /** Edges on some path from an input (or, with {@code fromSource}, the bias source) to an output. */
    static boolean[] effectiveEdges(Network net, boolean fromSource) {
        int n = net.nodes().size();
        boolean[] fromStart = new boolean[n];
        boolean[] toOutput = new boolean[n];
        int[] order = net.topologicalOrderOfNodes();
        for (int v : order) {
            Kind k = net.node(v).kind();
            fromStart[v] = k == Kind.INPUT || k == Kind.SOURCE && fromSource;
            for (int e : net.inEdges(v)) {
                fromStart[v] |= fromStart[net.edge(e).from()];
            }
        }
        for (int idx = order.length - 1; idx >= 0; idx--) {
            int v = order[idx];
            toOutput[v] = net.node(v).kind() == Kind.OUTPUT;
            for (int e : net.outEdges(v)) {
                toOutput[v] |= toOutput[net.edge(e).to()];
            }
        }
        boolean[] effective = new boolean[net.numParameters()];
        for (int k = 0; k < effective.length; k++) {
            Edge e = net.edge(k);
            effective[k] = fromStart[e.from()] && toOutput[e.to()];
        }
        return effective;
    }

    /** The rule this skeleton was built with. */
    public String rule() {
        return rule;
    }

    /** {@code in(v)}, or -1 if {@code v} is not an effective hidden node. */
    public int in(int v) {
        return in[v];
    }

    /** {@code out(v)}, or -1 if {@code v} is not an effective hidden node. */
    public int out(int v) {
        return out[v];
    }

    /** Whether edge {@code k} lies on some path. */
    public boolean isEffective(int k) {
        return effectiveEdge[k];
    }
}
