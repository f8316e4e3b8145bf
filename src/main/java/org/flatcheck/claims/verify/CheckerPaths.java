package org.flatcheck.claims.verify;

import java.util.ArrayList;
import java.util.List;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The checker's own paths of a network (from an input, or the bias source, to an output): counted forwards
 * and enumerated by depth-first walks, independently of the prover's {@code paths} package.
 */
final class CheckerPaths {
    private CheckerPaths() {
    }

    /** The most paths the checker enumerates; certificates from {@code prove} stay far below. */
    static final long MAX_PATHS = 1_000_000;

    /**
     * The number of paths from an input (and the bias source, {@code withBiases}) to an output, counted
     * forwards — paths into a node are the sum over its incoming edges of the paths into their tails —
     * independently of the prover's backward count.
     */
    static java.math.BigInteger pathCount(Network net, boolean withBiases) {
        java.math.BigInteger[] into = new java.math.BigInteger[net.nodes().size()];
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            java.math.BigInteger s = kind == Kind.INPUT || v == Network.SOURCE && withBiases
                    ? java.math.BigInteger.ONE : java.math.BigInteger.ZERO;
            for (int k : net.inEdges(v)) {
                s = s.add(into[net.edge(k).from()]);
            }
            into[v] = s;
            if (kind == Kind.OUTPUT) {
                total = total.add(s);
            }
        }
        return total;
    }

    /** Every path from an input or the bias source to an output, as node-index lists. */
    static List<int[]> paths(Network net, boolean withBiases) {
        java.math.BigInteger count = pathCount(net, withBiases);
        if (count.compareTo(java.math.BigInteger.valueOf(MAX_PATHS)) > 0) {
            throw new CertificateVerifier.TooLarge("network " + net.name() + " has " + count
                    + " paths; the checker enumerates at most " + MAX_PATHS);
        }
        List<int[]> out = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int v : net.nodesOf(Kind.INPUT)) {
            starts.add(v);
        }
        if (withBiases) {
            starts.add(Network.SOURCE);
        }
        for (int s : starts) {
            walk(net, new ArrayList<>(List.of(s)), out);
        }
        return out;
    }

    private static void walk(Network net, List<Integer> prefix, List<int[]> out) {
        int v = prefix.get(prefix.size() - 1);
        if (net.node(v).kind() == Kind.OUTPUT) {
            out.add(prefix.stream().mapToInt(Integer::intValue).toArray());
            return;
        }
        for (int k : net.outEdges(v)) {
            prefix.add(net.edge(k).to());
            walk(net, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }
}
