package org.flatcheck.paths;

import java.util.Arrays;
import java.util.StringJoiner;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * A path of a network: edges {@code e₁ … e_k} (parameter indices) from an input, or from the bias
 * source through a bias, to an output. Its value is {@code v_p = Π w_{eᵢ}} [N15, M19], which every node
 * rescaling leaves unchanged (each hidden node on the path contributes {@code c} and {@code 1/c}).
 */
public final class Path {
    private final int[] edges;

    private Path(int[] edges) {
        this.edges = edges;
    }

    /** The path through these edges (copied); they must be consecutive in {@code net}. */
    public static Path of(int... edges) {
        if (edges.length == 0) {
            throw new IllegalArgumentException("a path has at least one edge");
        }
        return new Path(edges.clone());
    }

    /** The edge indices, in order (a copy). */
    public int[] edges() {
        return edges.clone();
    }

    public int length() {
        return edges.length;
    }

    public int edge(int i) {
        return edges[i];
    }

    /** Whether the path starts with a bias edge (at the constant-1 source). */
    public boolean startsAtBias(Network net) {
        return net.edge(edges[0]).isBias();
    }

    /** The node indices along the path, start to output. */
    public int[] nodes(Network net) {
        int[] v = new int[edges.length + 1];
        v[0] = net.edge(edges[0]).from();
        for (int i = 0; i < edges.length; i++) {
            v[i + 1] = net.edge(edges[i]).to();
        }
        return v;
    }

    /** {@code v_p = Π w_e} (numerators and denominators multiplied, then reduced once). */
    public BigFraction value(Network net) {
        java.math.BigInteger num = java.math.BigInteger.ONE;
        java.math.BigInteger den = java.math.BigInteger.ONE;
        for (int e : edges) {
            BigFraction w = net.edge(e).weight();
            num = num.multiply(w.getNumerator());
            den = den.multiply(w.getDenominator());
        }
        return Q.of(num, den);
    }

    /**
     * A readable key: for layered networks the node index in each layer, {@code i0-i1-…-iL} (the oracle
     * sample's form), with a bias path written {@code b<l>-j_l-…-iL} (bias into layer l); for DAGs the
     * node names, {@code x1-h1-y}, with a bias path starting at {@code 1}.
     */
    public String key(Network net) {
        int[] nodes = nodes(net);
        StringJoiner j = new StringJoiner("-");
        if (net.isLayered()) {
            int first = 0;
            if (startsAtBias(net)) {
                j.add("b" + net.depth(nodes[1]));
                first = 1;
            }
            for (int i = first; i < nodes.length; i++) {
                j.add(Integer.toString(net.indexWithinLayer(nodes[i], net.depth(nodes[i]))));
            }
            return j.toString();
        }
        for (int v : nodes) {
            j.add(net.node(v).kind() == Kind.SOURCE ? "1" : net.node(v).name());
        }
        return j.toString();
    }

    /** Whether consecutive edges connect, the first leaves an input or the source and the last enters an output. */
    public boolean isValidIn(Network net) {
        Edge first = net.edge(edges[0]);
        Kind startKind = net.node(first.from()).kind();
        if (startKind != Kind.INPUT && startKind != Kind.SOURCE) {
            return false;
        }
        for (int i = 1; i < edges.length; i++) {
            if (net.edge(edges[i - 1]).to() != net.edge(edges[i]).from()) {
                return false;
            }
        }
        return net.node(net.edge(edges[edges.length - 1]).to()).kind() == Kind.OUTPUT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path && Arrays.equals(edges, ((Path) o).edges);
    }

    @Override
    public int hashCode() {
        // Edge indices along a path are close integers; mix them well (Arrays.hashCode collides badly).
        long h = 0x9E3779B97F4A7C15L;
        for (int e : edges) {
            h = (h ^ e) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return "Path" + Arrays.toString(edges);
    }
}
