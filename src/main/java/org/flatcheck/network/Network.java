package org.flatcheck.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.network.Node.Kind;

/**
 * An immutable feed-forward ReLU network on a DAG (docs/ARCHITECTURE.md §3): inputs, hidden ReLU nodes, linear
 * outputs, and weighted edges; a bias is the weight of an edge from the constant-1 source node
 * (index {@link #SOURCE}), so paths and rescalings treat biases like any other edge.
 *
 * <p>The parameter vector θ lists the edges in their given order, which the readers make PyTorch's
 * {@code named_parameters} order for layered networks (layer 0 weight row-major (out, in), layer 0
 * bias, layer 1 weight, …) and, for DAG files, the {@code edges} array followed by the biases in node
 * order.
 */
public final class Network {
    /** Index of the constant-1 source node. */
    public static final int SOURCE = 0;

    private final String name;
    private final List<Node> nodes;
    private final List<Edge> edges;
    private final int[] layers;
    private final int[][] in;
    private final int[][] out;
    private final int[] order;
    private final int[] depth;
    /** For layered networks, the index of the first node of each layer. */
    private final int[] layerStart;
    /** Node index by name (names are unique), so that look-ups by name do not scan the nodes. */
    private final Map<String, Integer> byName;
    /** Values computed from this network (and a dataset) by other layers; not part of its value. */
    private final Derived derived = new Derived();

    Network(String name, List<Node> nodes, List<Edge> edges, int[] layers) {
        this.name = name;
        this.nodes = nodes;
        this.edges = edges;
        this.layers = layers;
        this.layerStart = layers == null ? null : new int[layers.length];
        for (int l = 0, first = 1; layers != null && l < layers.length; first += layers[l], l++) {
            layerStart[l] = first;
        }
        int n = nodes.size();
        this.byName = new HashMap<>(2 * n);
        for (int v = 1; v < n; v++) {
            byName.put(nodes.get(v).name(), v);
        }
        List<List<Integer>> ins = new ArrayList<>();
        List<List<Integer>> outs = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            ins.add(new ArrayList<>());
            outs.add(new ArrayList<>());
        }
        for (int k = 0; k < edges.size(); k++) {
            ins.get(edges.get(k).to()).add(k);
            outs.get(edges.get(k).from()).add(k);
        }
        this.in = new int[n][];
        this.out = new int[n][];
        for (int v = 0; v < n; v++) {
            in[v] = ins.get(v).stream().mapToInt(Integer::intValue).toArray();
            out[v] = outs.get(v).stream().mapToInt(Integer::intValue).toArray();
        }
        this.order = topologicalOrder();
        this.depth = new int[n];
        for (int v : order) {
            for (int k : in[v]) {
                depth[v] = Math.max(depth[v], depth[edges.get(k).from()] + 1);
            }
        }
    }

    /** Kahn's algorithm, ties broken by node index; throws if the edges contain a cycle. */
    private int[] topologicalOrder() {
        int n = nodes.size();
        int[] indegree = new int[n];
        for (Edge e : edges) {
            indegree[e.to()]++;
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int v = 0; v < n; v++) {
            if (indegree[v] == 0) {
                ready.add(v);
            }
        }
        int[] result = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int v = ready.poll();
            result[count++] = v;
            for (int k : out[v]) {
                if (--indegree[edges.get(k).to()] == 0) {
                    ready.add(edges.get(k).to());
                }
            }
        }
        if (count < n) {
            throw new IllegalArgumentException("cycle through " + describeCycle(indegree));
        }
        return result;
    }

    private String describeCycle(int[] indegree) {
        // Walk backwards along edges between unprocessed nodes until a node repeats.
        int v = 0;
        while (indegree[v] == 0) {
            v++;
        }
        List<Integer> walk = new ArrayList<>();
        Map<Integer, Integer> seen = new HashMap<>();
        while (!seen.containsKey(v)) {
            seen.put(v, walk.size());
            walk.add(v);
            for (int k : in[v]) {
                int u = edges.get(k).from();
                if (indegree[u] > 0) {
                    v = u;
                    break;
                }
            }
        }
        List<Integer> cycle = new ArrayList<>(walk.subList(seen.get(v), walk.size()));
        java.util.Collections.reverse(cycle);
        StringBuilder sb = new StringBuilder();
        for (int u : cycle) {
            sb.append(nodes.get(u).name()).append(" → ");
        }
        return sb.append(nodes.get(cycle.get(0)).name()).toString();
    }

    /** A builder for a network called {@code name}. */
    public static NetworkBuilder builder(String name) {
        return new NetworkBuilder(name);
    }

    public String name() {
        return name;
    }

    /** All nodes: the source (index 0), then inputs, hidden and outputs in declaration order. */
    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int v) {
        return nodes.get(v);
    }

    /** The edges in parameter order. */
    public List<Edge> edges() {
        return edges;
    }

    public Edge edge(int k) {
        return edges.get(k);
    }

    /** Number of parameters P (weights and biases). */
    public int numParameters() {
        return edges.size();
    }

    /** The parameter vector θ (a copy). */
    public BigFraction[] parameters() {
        BigFraction[] theta = new BigFraction[edges.size()];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = edges.get(k).weight();
        }
        return theta;
    }

    /** The same network with parameter vector {@code theta}. */
    public Network withParameters(BigFraction[] theta) {
        if (theta.length != edges.size()) {
            throw new IllegalArgumentException(theta.length + " parameters given, network has " + edges.size());
        }
        List<Edge> e = new ArrayList<>(edges.size());
        for (int k = 0; k < theta.length; k++) {
            e.add(edges.get(k).withWeight(Objects.requireNonNull(theta[k], "parameter")));
        }
        return new Network(name, nodes, List.copyOf(e), layers);
    }

    /** The same network under another name. */
    public Network withName(String newName) {
        return new Network(Objects.requireNonNull(newName, "name"), nodes, edges, layers);
    }

    /** Indices of the nodes of the given kind, ascending. */
    public int[] nodesOf(Kind kind) {
        return java.util.stream.IntStream.range(0, nodes.size())
                .filter(v -> nodes.get(v).kind() == kind).toArray();
    }

    public int numInputs() {
        return nodesOf(Kind.INPUT).length;
    }

    public int numOutputs() {
        return nodesOf(Kind.OUTPUT).length;
    }

    public int numHidden() {
        return nodesOf(Kind.HIDDEN).length;
    }

    /** Whether some edge is a bias. */
    public boolean hasBiases() {
        return edges.stream().anyMatch(Edge::isBias);
    }

    /** Edge indices into {@code v}, in parameter order. */
    public int[] inEdges(int v) {
        return in[v].clone();
    }

    /** Edge indices out of {@code v}, in parameter order. */
    public int[] outEdges(int v) {
        return out[v].clone();
    }

    /** All nodes in a topological order (source and inputs first). */
    public int[] topologicalOrderOfNodes() {
        return order.clone();
    }

    /** Length of the longest path from the source or an input to {@code v} (0 for those). */
    public int depth(int v) {
        return depth[v];
    }

    /** The longest path length from an input (or the source) to an output, in edges. */
    public int depth() {
        int d = 0;
        for (int v : nodesOf(Kind.OUTPUT)) {
            d = Math.max(d, depth[v]);
        }
        return d;
    }

    /** The layer sizes if this network was built as a layered MLP, otherwise empty. */
    public java.util.Optional<int[]> layers() {
        return java.util.Optional.ofNullable(layers).map(int[]::clone);
    }

    /** Whether this network was built as a layered MLP (no copy, unlike {@link #layers()}). */
    public boolean isLayered() {
        return layers != null;
    }

    /** Index of the node called {@code nodeName}, or -1. */
    public int indexOf(String nodeName) {
        Integer v = byName.get(nodeName);
        return v == null ? -1 : v;
    }

    /** A readable name of parameter {@code k}: {@code W0[j][i]}/{@code b0[j]} or {@code w(u→v)}/{@code b(v)}. */
    public String parameterName(int k) {
        Edge e = edges.get(k);
        if (layers != null) {
            int l = depth[e.to()] - 1;
            int j = indexWithinLayer(e.to(), l + 1);
            if (e.isBias()) {
                return "b" + l + "[" + j + "]";
            }
            return "W" + l + "[" + j + "][" + indexWithinLayer(e.from(), l) + "]";
        }
        String to = nodes.get(e.to()).name();
        return e.isBias() ? "b(" + to + ")" : "w(" + nodes.get(e.from()).name() + "→" + to + ")";
    }

    /** For layered networks: the position of node {@code v} within its layer {@code l}. */
    public int indexWithinLayer(int v, int l) {
        return v - layerStart[l];
    }

    /**
     * A value computed from this network and {@code companion} (e.g. its Hessian on a dataset), computed on
     * the first request and kept with this instance ({@link Derived}); {@code what} names the value.
     */
    public <T> T derived(Object companion, String what, java.util.function.Supplier<T> compute) {
        return derived.get(companion, what, compute);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Network)) {
            return false;
        }
        Network n = (Network) o;
        return name.equals(n.name) && nodes.equals(n.nodes) && edges.equals(n.edges)
                && Arrays.equals(layers, n.layers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, nodes, edges, Arrays.hashCode(layers));
    }

    @Override
    public String toString() {
        String shape = layers != null ? Arrays.toString(layers)
                : numInputs() + " inputs, " + numHidden() + " hidden, " + numOutputs() + " outputs";
        return name + " (" + shape + ", " + numParameters() + " parameters)";
    }
}
