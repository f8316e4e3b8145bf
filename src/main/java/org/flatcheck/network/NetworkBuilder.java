package org.flatcheck.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Node.Kind;

/**
 * Collects nodes and parameters. Nodes may be declared in any order within their kind; the
 * parameter order is the order of {@link #edge} and {@link #bias} calls.
 */
public final class NetworkBuilder {
    private final String name;
    private final List<Node> inputs = new ArrayList<>();
    private final List<Node> hidden = new ArrayList<>();
    private final List<Node> outputs = new ArrayList<>();
    private final List<String[]> edgeEnds = new ArrayList<>();
    private final List<BigFraction> weights = new ArrayList<>();
    private int[] layers;

    NetworkBuilder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public NetworkBuilder input(String n) {
        inputs.add(new Node(n, Kind.INPUT));
        return this;
    }

    public NetworkBuilder hidden(String n) {
        hidden.add(new Node(n, Kind.HIDDEN));
        return this;
    }

    public NetworkBuilder output(String n) {
        outputs.add(new Node(n, Kind.OUTPUT));
        return this;
    }

    /** The next parameter: the weight of edge {@code from → to}. */
    public NetworkBuilder edge(String from, String to, BigFraction w) {
        edgeEnds.add(new String[] {Objects.requireNonNull(from), Objects.requireNonNull(to)});
        weights.add(Objects.requireNonNull(w, "weight"));
        return this;
    }

    /** The next parameter: the bias of node {@code to}. */
    public NetworkBuilder bias(String to, BigFraction b) {
        edgeEnds.add(new String[] {null, Objects.requireNonNull(to)});
        weights.add(Objects.requireNonNull(b, "bias"));
        return this;
    }

    /** Records that the network is a layered MLP with these sizes (checked by {@link Layered}). */
    NetworkBuilder layers(int[] sizes) {
        this.layers = sizes.clone();
        return this;
    }

    /**
     * The network.
     *
     * @throws IllegalArgumentException naming the violated condition: no inputs or outputs, a
     *     repeated node name, an edge from an output or into an input, an edge or bias given
     *     twice, a bias on an input, or a cycle
     */
    public Network build() {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one input and one output");
        }
        List<Node> all = new ArrayList<>();
        all.add(new Node("1", Kind.SOURCE));
        all.addAll(inputs);
        all.addAll(hidden);
        all.addAll(outputs);
        Map<String, Integer> index = new HashMap<>();
        for (int v = 1; v < all.size(); v++) {
            if (index.put(all.get(v).name(), v) != null) {
                throw new IllegalArgumentException("node name " + all.get(v).name() + " is used twice");
            }
        }
        List<Edge> edges = new ArrayList<>(weights.size());
        for (int k = 0; k < weights.size(); k++) {
            String[] ends = edgeEnds.get(k);
            int from = ends[0] == null ? Network.SOURCE : lookup(index, ends[0]);
            int to = lookup(index, ends[1]);
            Kind fk = all.get(from).kind();
            Kind tk = all.get(to).kind();
            if (fk == Kind.OUTPUT) {
                throw new IllegalArgumentException("edge " + ends[0] + " → " + ends[1] + " leaves an output");
            }
            if (tk == Kind.INPUT) {
                throw new IllegalArgumentException(
                        (from == Network.SOURCE ? "bias of input " : "edge " + ends[0] + " → ") + ends[1]
                                + (from == Network.SOURCE ? " is not allowed" : " enters an input"));
            }
            edges.add(new Edge(from, to, weights.get(k)));
        }
        rejectRepeatedEdges(all, edges);
        return new Network(name, List.copyOf(all), List.copyOf(edges), layers);
    }

    /** O(m): group edges by head, mark each tail with the head's stamp. */
    private static void rejectRepeatedEdges(List<Node> nodes, List<Edge> edges) {
        int n = nodes.size();
        int[] count = new int[n + 1];
        for (Edge e : edges) {
            count[e.to() + 1]++;
        }
        for (int v = 0; v < n; v++) {
            count[v + 1] += count[v];
        }
        int[] tails = new int[edges.size()];
        int[] fill = count.clone();
        for (Edge e : edges) {
            tails[fill[e.to()]++] = e.from();
        }
        int[] stamp = new int[n];
        for (int v = 0; v < n; v++) {
            for (int i = count[v]; i < count[v + 1]; i++) {
                int u = tails[i];
                if (stamp[u] == v + 1) {
                    throw new IllegalArgumentException(u == Network.SOURCE
                            ? "bias of " + nodes.get(v).name() + " is given twice"
                            : "edge " + nodes.get(u).name() + " → " + nodes.get(v).name() + " is given twice");
                }
                stamp[u] = v + 1;
            }
        }
    }

    private static int lookup(Map<String, Integer> index, String n) {
        Integer v = index.get(n);
        if (v == null) {
            throw new IllegalArgumentException("unknown node " + n);
        }
        return v;
    }
}
