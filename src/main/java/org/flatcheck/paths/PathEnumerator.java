package org.flatcheck.paths;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * Counts paths in O(P) by dynamic programming and lists them (depth first, starts in node order,
 * edges in parameter order) when their number is within a limit: the number of paths grows
 * exponentially with depth, so listing is for inspection of small networks only.
 */
public final class PathEnumerator {
    private PathEnumerator() {
    }

    /**
     * The number of paths from an input (and, with {@code withBiases}, from the bias source through a
     * bias edge) to an output.
     */
    public static BigInteger count(Network net, boolean withBiases) {
        int n = net.nodes().size();
        BigInteger[] toOutput = new BigInteger[n];
        int[] order = net.topologicalOrderOfNodes();
        for (int idx = order.length - 1; idx >= 0; idx--) {
            int v = order[idx];
            if (net.node(v).kind() == Kind.OUTPUT) {
                toOutput[v] = BigInteger.ONE;
                continue;
            }
            BigInteger s = BigInteger.ZERO;
            for (int k : net.outEdges(v)) {
                s = s.add(toOutput[net.edge(k).to()]);
            }
            toOutput[v] = s;
        }
        BigInteger total = BigInteger.ZERO;
        for (int v : net.nodesOf(Kind.INPUT)) {
            total = total.add(toOutput[v]);
        }
        return withBiases ? total.add(toOutput[Network.SOURCE]) : total;
    }

    /**
     * Every path, or throws {@link PathLimitExceeded} (carrying the count) if there are more than
     * {@code limit}.
     */
    public static List<Path> enumerate(Network net, boolean withBiases, long limit) {
        BigInteger count = count(net, withBiases);
        if (count.compareTo(BigInteger.valueOf(limit)) > 0) {
            throw new PathLimitExceeded(count, limit);
        }
        List<Path> out = new ArrayList<>(count.intValueExact());
        int[][] outEdges = new int[net.nodes().size()][];
        for (int v = 0; v < outEdges.length; v++) {
            outEdges[v] = net.outEdges(v);
        }
        List<Integer> starts = new ArrayList<>();
        for (int v : net.nodesOf(Kind.INPUT)) {
            starts.add(v);
        }
        if (withBiases) {
            starts.add(Network.SOURCE);
        }
        int n = net.nodes().size();
        int[] stack = new int[n];
        int[] node = new int[n + 1];
        int[] cursor = new int[n + 1];
        // Depth first without recursion: a path may be as long as the network has nodes.
        for (int s : starts) {
            int depth = 0;
            node[0] = s;
            cursor[0] = 0;
            while (depth >= 0) {
                int v = node[depth];
                if (net.node(v).kind() == Kind.OUTPUT) {
                    out.add(Path.of(java.util.Arrays.copyOf(stack, depth)));
                    depth--;
                } else if (cursor[depth] < outEdges[v].length) {
                    int k = outEdges[v][cursor[depth]++];
                    stack[depth] = k;
                    depth++;
                    node[depth] = net.edge(k).to();
                    cursor[depth] = 0;
                } else {
                    depth--;
                }
            }
        }
        return out;
    }

    /** More paths than the limit; the CLI maps it to exit code 4. */
    public static final class PathLimitExceeded extends org.flatcheck.error.LimitExceeded {
        private static final long serialVersionUID = 1L;
        private final transient BigInteger count;

        PathLimitExceeded(BigInteger count, long limit) {
            super("the network has " + count + " paths, more than --limit " + limit);
            this.count = count;
        }

        public BigInteger count() {
            return count;
        }
    }
}
