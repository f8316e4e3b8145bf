package org.flatcheck.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * Canonical representatives: two networks have equal canonical forms iff they are equivalent
 * (proof: {@code proofs/canonical-form.md}).
 *
 * <p><b>Under node rescaling (any DAG).</b> A hidden node is <i>live</i> if some incoming parameter
 * from an input, the bias source or a live node is nonzero, else <i>dead</i> (its activation is 0 on
 * every input). (1) In topological order, every live node is scaled so that the largest absolute
 * value of its incoming parameters from live sources (inputs, bias and live nodes) is 1. (2) Inputs,
 * outputs, the source and live nodes are now <i>anchored</i>. Level by level, every dead node with a
 * nonzero edge to an anchored node is scaled so that the largest |parameter| of its nonzero out-edges
 * to anchored nodes is 1 — or, if it has none, of its nonzero in-edges from anchored nodes — and
 * joins the anchored set. (3) Dead nodes still unanchored form <i>floating</i> components, tied to the
 * rest by no nonzero edge: the one with the smallest index keeps factor 1 and step (2) continues from
 * it. Zero parameters stay zero and signs never change. Maxima over sets, not a "first nonzero"
 * entry, make steps (1)–(2) commute with permutations of units, which the next form needs.
 *
 * <p><b>Under rescaling and permutation (layered networks).</b> Take the rescaling form {@code R},
 * then the permutation {@code π} of hidden units that makes {@code π(R)}'s parameter vector (PyTorch
 * order) lexicographically smallest: layer by layer, units are sorted by their incoming row, then by
 * their bias; units equal in both (twins) are tried in every distinct order of their outgoing
 * columns, since that order decides the next layers — except in the last hidden layer, where the
 * fixed output layer follows and sorting twins by their outgoing columns is already the minimum.
 * Search is capped at {@link #MAX_TWIN_ORDERS} arrangements. If the network has floating dead components (step 3 above is not permutation
 * equivariant), the smallest {@code canonical(π(net))} over all permutations is used instead.
 */
public final class CanonicalForm {
    /** Cap on the number of twin arrangements the permutation search may try. */
    public static final int MAX_TWIN_ORDERS = 100_000;

    private CanonicalForm() {
    }

    /** A canonical network with the group element that produced it: {@code canonical = π(g(net))}. */
    public record Result(Network canonical, NodeRescaling rescaling, Permutation permutation) {
    }

    /** The canonical form under node rescaling; {@code permutation} is null. */
    public static Result underRescaling(Network net) {
        return underRescaling(net, new boolean[1]);
    }

    /**
     * As {@link #underRescaling(Network)}; sets {@code floating[0]} if some dead nodes form a component
     * that no nonzero edge ties to an input, output, the source or a live node (its root is then
     * chosen by node index, so the form is canonical but does not commute with permutations).
     */
    static Result underRescaling(Network net, boolean[] floating) {
        int n = net.nodes().size();
        BigFraction[] c = new BigFraction[n];
        Arrays.fill(c, BigFraction.ONE);
        boolean[] anchored = livePass(net, c);
        for (int v = 0; v < n; v++) {
            anchored[v] |= net.node(v).kind() == Kind.OUTPUT;
        }
        anchorDeadNodes(net, c, anchored);
        for (int r : net.nodesOf(Kind.HIDDEN)) {
            if (!anchored[r]) {
                floating[0] |= hasNonzeroEdge(net, r);
                anchored[r] = true;
                anchorDeadNodes(net, c, anchored);
            }
        }
        Map<Integer, BigFraction> factors = new HashMap<>();
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            factors.put(v, c[v]);
        }
        NodeRescaling g = NodeRescaling.of(factors);
        return new Result(g.apply(net), g, null);
    }

    /** Scales live nodes in topological order; returns which nodes are live (inputs and source included). */
    private static boolean[] livePass(Network net, BigFraction[] c) {
        boolean[] live = new boolean[net.nodes().size()];
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            live[v] = kind == Kind.INPUT || kind == Kind.SOURCE;
            if (kind != Kind.HIDDEN) {
                continue;
            }
            BigFraction max = BigFraction.ZERO;
            for (int k : net.inEdges(v)) {
                Edge e = net.edge(k);
                if (live[e.from()] && !Q.isZero(e.weight())) {
                    max = Q.max(max, e.weight().abs().divide(c[e.from()]));
                }
            }
            if (!Q.isZero(max)) {
                live[v] = true;
                c[v] = max.reciprocal();
            }
        }
        return live;
    }

    /**
     * Anchors dead nodes level by level: a node with a nonzero edge to an anchored node is scaled so that
     * the largest |parameter| of its nonzero out-edges to anchored nodes is 1 or, if it has none, of its
     * nonzero in-edges from anchored nodes. Every node of a level uses only earlier levels.
     */
    private static void anchorDeadNodes(Network net, BigFraction[] c, boolean[] anchored) {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        while (true) {
            List<Integer> level = new ArrayList<>();
            List<BigFraction> scales = new ArrayList<>();
            for (int v : hidden) {
                if (anchored[v]) {
                    continue;
                }
                BigFraction out = BigFraction.ZERO;
                for (int k : net.outEdges(v)) {
                    Edge e = net.edge(k);
                    if (anchored[e.to()] && !Q.isZero(e.weight())) {
                        out = Q.max(out, e.weight().abs().multiply(c[e.to()]));
                    }
                }
                BigFraction in = BigFraction.ZERO;
                for (int k : net.inEdges(v)) {
                    Edge e = net.edge(k);
                    if (anchored[e.from()] && !Q.isZero(e.weight())) {
                        in = Q.max(in, e.weight().abs().divide(c[e.from()]));
                    }
                }
                if (!Q.isZero(out)) {
                    level.add(v);
                    scales.add(out);
                } else if (!Q.isZero(in)) {
                    level.add(v);
                    scales.add(in.reciprocal());
                }
            }
            if (level.isEmpty()) {
                return;
            }
            for (int i = 0; i < level.size(); i++) {
                c[level.get(i)] = scales.get(i);
                anchored[level.get(i)] = true;
            }
        }
    }

    private static boolean hasNonzeroEdge(Network net, int v) {
        for (int k : net.inEdges(v)) {
            if (!Q.isZero(net.edge(k).weight())) {
                return true;
            }
        }
        for (int k : net.outEdges(v)) {
            if (!Q.isZero(net.edge(k).weight())) {
                return true;
            }
        }
        return false;
    }

    /** The canonical form under rescaling and permutation of a layered network. */
    public static Result underRescalingAndPermutation(Network net) {
        int[] sizes = net.layers().orElseThrow(() -> new IllegalArgumentException(
                "the permutation canonical form needs a layered network; " + net.name() + " is a DAG"));
        boolean[] floating = new boolean[1];
        Result r = underRescaling(net, floating);
        if (floating[0]) {
            return byAllPermutations(net, sizes);
        }
        Search s = new Search(sizes, Layered.weights(r.canonical()), Layered.biases(r.canonical()));
        int[][] perm = s.run();
        Permutation pi = Permutation.of(sizes, perm);
        return new Result(pi.apply(r.canonical()), r.rescaling(), pi);
    }

    /**
     * With floating dead components the rescaling form does not commute with permutations, so the
     * smallest {@code canonical(π(net))} is found over all {@code π} (capped at {@link #MAX_TWIN_ORDERS}).
     */
    private static Result byAllPermutations(Network net, int[] sizes) {
        long count = 1;
        for (int l = 1; l < sizes.length - 1; l++) {
            for (int k = 2; k <= sizes[l]; k++) {
                count *= k;
                if (count > MAX_TWIN_ORDERS) {
                    throw new TooManyTwins();
                }
            }
        }
        Result best = null;
        BigFraction[] bestParams = null;
        for (Permutation pi : Permutation.all(sizes)) {
            Network moved = pi.apply(net);
            Result r = underRescaling(moved);
            BigFraction[] params = r.canonical().parameters();
            if (best == null || compare(params, bestParams) < 0) {
                // canonical = g'(π(net)) = π((π⁻¹ g' π)(net)): report the rescaling acting before π.
                Map<Integer, BigFraction> f = new HashMap<>();
                int[] map = pi.nodeMap(net);
                for (int v : net.nodesOf(Kind.HIDDEN)) {
                    f.put(v, r.rescaling().factor(map[v]));
                }
                best = new Result(r.canonical(), NodeRescaling.of(f), pi);
                bestParams = params;
            }
        }
        return best;
    }

    /** Thrown when twins allow more arrangements than {@link #MAX_TWIN_ORDERS}. */
    public static final class TooManyTwins extends org.flatcheck.error.LimitExceeded {
        private static final long serialVersionUID = 1L;

        TooManyTwins() {
            super("more than " + MAX_TWIN_ORDERS + " arrangements of twin units would have to be compared");
        }
    }

    /** The lexicographic search over layer permutations, with exhaustive twin orders. */
    private static final class Search {
        private final int[] sizes;
        private final BigFraction[][][] w;
        private final BigFraction[][] b;
        private int tried;
        private BigFraction[] best;
        private int[][] bestPerm;

        Search(int[] sizes, BigFraction[][][] w, BigFraction[][] b) {
            this.sizes = sizes;
            this.w = w;
            this.b = b;
        }

        int[][] run() {
            int[][] current = new int[sizes.length][];
            for (int l = 0; l < sizes.length; l++) {
                current[l] = new int[sizes[l]];
                for (int j = 0; j < sizes[l]; j++) {
                    current[l][j] = j;
                }
            }
            // order[l][p] = original unit at position p (the inverse of the permutation).
            search(1, current);
            return bestPerm;
        }

        private void search(int l, int[][] order) {
            if (l == sizes.length - 1) {
                if (++tried > MAX_TWIN_ORDERS) {
                    throw new TooManyTwins();
                }
                BigFraction[] flat = flatten(order);
                if (best == null || compare(flat, best) < 0) {
                    best = flat;
                    bestPerm = inverse(order);
                }
                return;
            }
            Integer[] units = new Integer[sizes[l]];
            for (int j = 0; j < units.length; j++) {
                units[j] = j;
            }
            Comparator<Integer> byIncoming = (x, y) -> compareIncoming(l, order[l - 1], x, y);
            Arrays.sort(units, byIncoming);
            List<int[]> blocks = new ArrayList<>();
            int start = 0;
            for (int p = 1; p <= units.length; p++) {
                if (p == units.length || byIncoming.compare(units[start], units[p]) != 0) {
                    blocks.add(new int[] {start, p});
                    start = p;
                }
            }
            int[] sorted = Arrays.stream(units).mapToInt(Integer::intValue).toArray();
            arrangeBlocks(l, order, sorted, blocks, 0);
        }

        /** Tries every distinct order of the outgoing columns inside each twin block, then recurses. */
        private void arrangeBlocks(int l, int[][] order, int[] sorted, List<int[]> blocks, int blockIndex) {
            if (blockIndex == blocks.size()) {
                int[][] next = order.clone();
                next[l] = sorted.clone();
                search(l + 1, next);
                return;
            }
            int[] block = blocks.get(blockIndex);
            int from = block[0];
            int to = block[1];
            if (to - from == 1) {
                arrangeBlocks(l, order, sorted, blocks, blockIndex + 1);
                return;
            }
            Integer[] members = new Integer[to - from];
            for (int i = 0; i < members.length; i++) {
                members[i] = sorted[from + i];
            }
            Comparator<Integer> byOutgoing = (x, y) -> compareColumns(l, x, y);
            Arrays.sort(members, byOutgoing);
            if (l == sizes.length - 2) {
                // Before the fixed output layer the rest of the vector is the output matrix, row by row:
                // its lexicographic minimum puts twins in the order of their outgoing columns — one order.
                for (int i = 0; i < members.length; i++) {
                    sorted[from + i] = members[i];
                }
                arrangeBlocks(l, order, sorted, blocks, blockIndex + 1);
                return;
            }
            do {
                for (int i = 0; i < members.length; i++) {
                    sorted[from + i] = members[i];
                }
                arrangeBlocks(l, order, sorted, blocks, blockIndex + 1);
            } while (nextPermutation(members, byOutgoing));
        }

        private int compareIncoming(int l, int[] prevOrder, int x, int y) {
            for (int p = 0; p < prevOrder.length; p++) {
                int c = w[l - 1][x][prevOrder[p]].compareTo(w[l - 1][y][prevOrder[p]]);
                if (c != 0) {
                    return c;
                }
            }
            return b == null ? 0 : b[l - 1][x].compareTo(b[l - 1][y]);
        }

        /** Outgoing columns in the original order of the next layer; only equality and a fixed order matter. */
        private int compareColumns(int l, int x, int y) {
            for (int k = 0; k < sizes[l + 1]; k++) {
                int c = w[l][k][x].compareTo(w[l][k][y]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }

        private BigFraction[] flatten(int[][] order) {
            List<BigFraction> out = new ArrayList<>();
            for (int l = 0; l + 1 < sizes.length; l++) {
                for (int p = 0; p < sizes[l + 1]; p++) {
                    for (int q = 0; q < sizes[l]; q++) {
                        out.add(w[l][order[l + 1][p]][order[l][q]]);
                    }
                }
                if (b != null) {
                    for (int p = 0; p < sizes[l + 1]; p++) {
                        out.add(b[l][order[l + 1][p]]);
                    }
                }
            }
            return out.toArray(new BigFraction[0]);
        }

        private static int[][] inverse(int[][] order) {
            int[][] perm = new int[order.length][];
            for (int l = 0; l < order.length; l++) {
                perm[l] = new int[order[l].length];
                for (int p = 0; p < order[l].length; p++) {
                    perm[l][order[l][p]] = p;
                }
            }
            return perm;
        }
    }

    /** Lexicographic comparison of parameter vectors of equal length. */
    static int compare(BigFraction[] a, BigFraction[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /** Next permutation in the order of {@code cmp}, skipping equal elements; false after the last. */
    static <T> boolean nextPermutation(T[] a, Comparator<T> cmp) {
        int i = a.length - 2;
        while (i >= 0 && cmp.compare(a[i], a[i + 1]) >= 0) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (cmp.compare(a[j], a[i]) <= 0) {
            j--;
        }
        T t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int x = i + 1, y = a.length - 1; x < y; x++, y--) {
            t = a[x];
            a[x] = a[y];
            a[y] = t;
        }
        return true;
    }
}
