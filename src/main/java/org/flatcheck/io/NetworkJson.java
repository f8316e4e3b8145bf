package org.flatcheck.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.network.NetworkBuilder;
import org.flatcheck.network.Node;
import org.flatcheck.network.Node.Kind;

/**
 * The network file formats of docs/ARCHITECTURE.md §4. Layered:
 * {@code {"name", "layers": [d0, …, dL], "weights": [[[w]]], "biases": [[b]]}} with
 * {@code weights[l][j][i]} from node i of layer l to node j of layer l+1 and optional {@code biases};
 * DAG: {@code {"name", "inputs", "hidden", "outputs", "edges": [{"from","to","w"}], "biases": {node: b}}}.
 * Numbers are JSON strings (integers, {@code p/q}, exact decimals) or integral JSON numbers.
 * {@link #write} and {@link #read} round-trip exactly.
 */
public final class NetworkJson {
    /** Largest parameter count a file may declare. */
    public static final long MAX_PARAMETERS = 50_000_000L;

    private static final Set<String> LAYERED_KEYS = Set.of("name", "description", "layers", "weights", "biases");
    private static final Set<String> DAG_KEYS =
            Set.of("name", "description", "inputs", "hidden", "outputs", "edges", "biases");
    private static final Set<String> EDGE_KEYS = Set.of("from", "to", "w");

    private NetworkJson() {
    }

    /** Reads a layered or DAG network file. */
    public static Network read(Path file) {
        return read(JsonInput.read(file), defaultName(file));
    }

    /**
     * Reads a network embedded in another JSON file (e.g. a certificate) at field path {@code prefix};
     * errors name {@code file} and the full field path.
     */
    public static Network read(Path file, String prefix, JsonNode node) {
        return read(JsonInput.embedded(file, prefix.isEmpty() ? "" : prefix + ".", node), "network");
    }

    private static Network read(JsonInput in, String defaultName) {
        JsonNode root = in.root;
        String name = root.has("name") ? in.string(root.get("name"), "name", "give the network a string name")
                : defaultName;
        if (root.has("layers")) {
            in.onlyKeys(root, "", LAYERED_KEYS);
            return readLayered(in, name);
        }
        if (root.has("inputs") || root.has("edges")) {
            in.onlyKeys(root, "", DAG_KEYS);
            return readDag(in, name);
        }
        throw in.error(null, "has neither \"layers\" (layered format) nor \"inputs\"/\"edges\" (DAG format)",
                "see the network formats in the README");
    }

    private static String defaultName(Path file) {
        String f = file.getFileName() == null ? "network" : file.getFileName().toString();
        return f.endsWith(".json") ? f.substring(0, f.length() - 5) : f;
    }

    private static Network readLayered(JsonInput in, String name) {
        JsonNode root = in.root;
        String sizeFix = "give the layer sizes as a JSON array of positive integers, e.g. [2, 3, 1]";
        List<JsonNode> layerNodes = in.array(in.required(root, "", "layers", sizeFix), "layers", sizeFix);
        if (layerNodes.size() < 2) {
            throw in.error("layers", "has length " + layerNodes.size() + ", a network needs at least 2 layers", sizeFix);
        }
        int[] sizes = new int[layerNodes.size()];
        long total = 0;
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = in.positiveInt(layerNodes.get(l), "layers[" + l + "]", sizeFix);
            total += l == 0 ? 0 : (long) sizes[l] * (sizes[l - 1] + 1);
        }
        if (total > MAX_PARAMETERS) {
            throw in.error("layers", "declare about " + total + " parameters, above the limit of " + MAX_PARAMETERS,
                    "use a smaller network");
        }
        int depth = sizes.length - 1;
        String wFix = "give weights[l] as layers[l+1] rows of layers[l] numbers each";
        List<JsonNode> wl = in.array(in.required(root, "", "weights", wFix), "weights", wFix);
        expectCount(in, "weights", wl.size(), depth, "weight layers (one per pair of adjacent layers)", wFix);
        BigFraction[][][] weights = new BigFraction[depth][][];
        for (int l = 0; l < depth; l++) {
            String path = "weights[" + l + "]";
            List<JsonNode> rows = in.array(wl.get(l), path, wFix);
            expectCount(in, path, rows.size(), sizes[l + 1], "rows (layers[" + (l + 1) + "] = " + sizes[l + 1] + ")", wFix);
            weights[l] = new BigFraction[sizes[l + 1]][];
            for (int j = 0; j < sizes[l + 1]; j++) {
                weights[l][j] = vector(in, rows.get(j), path + "[" + j + "]", sizes[l],
                        "entries (layers[" + l + "] = " + sizes[l] + ")", wFix);
            }
        }
        BigFraction[][] biases = null;
        if (root.has("biases") && !root.get("biases").isNull()) {
            String bFix = "give biases[l] as layers[l+1] numbers, or leave out \"biases\" for a network without them";
            List<JsonNode> bl = in.array(root.get("biases"), "biases", bFix);
            expectCount(in, "biases", bl.size(), depth, "bias vectors (one per non-input layer)", bFix);
            biases = new BigFraction[depth][];
            for (int l = 0; l < depth; l++) {
                biases[l] = vector(in, bl.get(l), "biases[" + l + "]", sizes[l + 1],
                        "entries (layers[" + (l + 1) + "] = " + sizes[l + 1] + ")", bFix);
            }
        }
        return Layered.of(name, sizes, weights, biases);
    }

    private static BigFraction[] vector(JsonInput in, JsonNode node, String path, int size, String what, String fix) {
        List<JsonNode> items = in.array(node, path, fix);
        expectCount(in, path, items.size(), size, what, fix);
        BigFraction[] v = new BigFraction[size];
        for (int i = 0; i < size; i++) {
            v[i] = in.rational(items.get(i), path, i);
        }
        return v;
    }

    private static void expectCount(JsonInput in, String path, int got, int want, String what, String fix) {
        if (got != want) {
            throw in.error(path, "has length " + got + ", expected " + want + " " + what, fix);
        }
    }

    private static Network readDag(JsonInput in, String name) {
        JsonNode root = in.root;
        NetworkBuilder b = Network.builder(name);
        Map<String, Kind> kinds = new HashMap<>();
        Map<String, String> declaredAt = new HashMap<>();
        List<String> inputs = names(in, "inputs", true, kinds, declaredAt, Kind.INPUT);
        List<String> hidden = names(in, "hidden", false, kinds, declaredAt, Kind.HIDDEN);
        List<String> outputs = names(in, "outputs", true, kinds, declaredAt, Kind.OUTPUT);
        inputs.forEach(b::input);
        hidden.forEach(b::hidden);
        outputs.forEach(b::output);
        String eFix = "give edges as a JSON array of {\"from\": node, \"to\": node, \"w\": number}";
        List<JsonNode> edges = root.has("edges") ? in.array(root.get("edges"), "edges", eFix) : List.of();
        if (edges.size() > MAX_PARAMETERS) {
            throw in.error("edges", "has length " + edges.size() + ", above the limit of " + MAX_PARAMETERS,
                    "use a smaller network");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < edges.size(); k++) {
            String path = "edges[" + k + "]";
            JsonNode e = edges.get(k);
            if (!e.isObject()) {
                throw in.error(path, "is " + JsonInput.describe(e) + ", expected an object", eFix);
            }
            in.onlyKeys(e, path, EDGE_KEYS);
            String from = in.string(in.required(e, path, "from", eFix), path + ".from", eFix);
            String to = in.string(in.required(e, path, "to", eFix), path + ".to", eFix);
            checkEnd(in, path + ".from", from, kinds, true);
            checkEnd(in, path + ".to", to, kinds, false);
            Integer before = seen.put(from + "\u0000" + to, k);
            if (before != null) {
                throw in.error(path, "repeats the edge " + from + " → " + to + " of edges[" + before + "]",
                        "give each edge once");
            }
            b.edge(from, to, in.rational(in.required(e, path, "w", eFix), path + ".w"));
        }
        readDagBiases(in, b, hidden, outputs, kinds);
        Network net;
        try {
            net = b.build();
        } catch (IllegalArgumentException ex) {
            throw in.error("edges", ex.getMessage(), "the edges must form a DAG; remove an edge of the cycle");
        }
        for (int i = 0; i < hidden.size(); i++) {
            if (net.inEdges(net.indexOf(hidden.get(i))).length == 0) {
                throw in.error("hidden[" + i + "]", "\"" + hidden.get(i) + "\" has no incoming edge and no bias, so it is always 0",
                        "give it an incoming edge or a bias, or remove it");
            }
        }
        return net;
    }

    private static void readDagBiases(JsonInput in, NetworkBuilder b, List<String> hidden, List<String> outputs,
            Map<String, Kind> kinds) {
        JsonNode biases = in.root.get("biases");
        if (biases == null || biases.isNull()) {
            return;
        }
        String fix = "give biases as a JSON object {\"node\": number} over hidden and output nodes";
        if (!biases.isObject()) {
            throw in.error("biases", "is " + JsonInput.describe(biases) + ", expected an object", fix);
        }
        biases.fieldNames().forEachRemaining(n -> {
            Kind kind = kinds.get(n);
            if (kind == null || kind == Kind.INPUT) {
                throw in.error("biases." + n, kind == null ? "names no node" : "is on an input", fix);
            }
        });
        for (String n : hidden) {
            if (biases.has(n)) {
                b.bias(n, in.rational(biases.get(n), "biases." + n));
            }
        }
        for (String n : outputs) {
            if (biases.has(n)) {
                b.bias(n, in.rational(biases.get(n), "biases." + n));
            }
        }
    }

    private static List<String> names(JsonInput in, String key, boolean required, Map<String, Kind> kinds,
            Map<String, String> declaredAt, Kind kind) {
        String fix = "give \"" + key + "\" as a JSON array of distinct node names";
        JsonNode node = in.root.get(key);
        if (node == null || node.isNull()) {
            if (required) {
                throw in.error(key, "is missing", fix);
            }
            return List.of();
        }
        List<JsonNode> items = in.array(node, key, fix);
        if (required && items.isEmpty()) {
            throw in.error(key, "is empty", "a network needs at least one " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = key + "[" + i + "]";
            String n = in.string(items.get(i), path, fix);
            if (n.isEmpty()) {
                throw in.error(path, "is an empty name", fix);
            }
            String other = declaredAt.put(n, path);
            if (other != null) {
                throw in.error(path, "repeats the node name \"" + n + "\" of " + other, fix);
            }
            kinds.put(n, kind);
            out.add(n);
        }
        return out;
    }

    private static void checkEnd(JsonInput in, String path, String n, Map<String, Kind> kinds, boolean tail) {
        Kind kind = kinds.get(n);
        if (kind == null) {
            throw in.error(path, "names no node (\"" + n + "\")", "use a name listed in inputs, hidden or outputs");
        }
        if (tail && kind == Kind.OUTPUT) {
            throw in.error(path, "\"" + n + "\" is an output; outputs have no outgoing edges",
                    "list it under hidden if other nodes read it");
        }
        if (!tail && kind == Kind.INPUT) {
            throw in.error(path, "\"" + n + "\" is an input; inputs have no incoming edges",
                    "list it under hidden if it is computed");
        }
    }

    /** The network as JSON text: layered format if it was built layered, otherwise DAG format. */
    public static String toJson(Network net) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"name\": ").append(quote(net.name()));
        if (net.layers().isPresent()) {
            writeLayered(net, sb);
        } else {
            writeDag(net, sb);
        }
        return sb.append("\n}\n").toString();
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public static void write(Network net, Path file) {
        AtomicFile.write(file, toJson(net));
    }

    private static void writeLayered(Network net, StringBuilder sb) {
        int[] sizes = net.layers().orElseThrow();
        sb.append(",\n  \"layers\": ").append(java.util.Arrays.toString(sizes));
        BigFraction[][][] w = Layered.weights(net);
        sb.append(",\n  \"weights\": [");
        for (int l = 0; l < w.length; l++) {
            sb.append(l == 0 ? "\n    [" : ",\n    [");
            for (int j = 0; j < w[l].length; j++) {
                sb.append(j == 0 ? "\n      " : ",\n      ").append(row(w[l][j]));
            }
            sb.append("\n    ]");
        }
        sb.append("\n  ]");
        BigFraction[][] b = Layered.biases(net);
        if (b != null) {
            sb.append(",\n  \"biases\": [");
            for (int l = 0; l < b.length; l++) {
                sb.append(l == 0 ? "\n    " : ",\n    ").append(row(b[l]));
            }
            sb.append("\n  ]");
        }
    }

    private static void writeDag(Network net, StringBuilder sb) {
        for (Kind kind : new Kind[] {Kind.INPUT, Kind.HIDDEN, Kind.OUTPUT}) {
            StringBuilder names = new StringBuilder();
            for (int v : net.nodesOf(kind)) {
                names.append(names.length() == 0 ? "" : ", ").append(quote(net.node(v).name()));
            }
            String key = kind == Kind.INPUT ? "inputs" : kind == Kind.HIDDEN ? "hidden" : "outputs";
            sb.append(",\n  \"").append(key).append("\": [").append(names).append(']');
        }
        sb.append(",\n  \"edges\": [");
        boolean first = true;
        for (Edge e : net.edges()) {
            if (!e.isBias()) {
                sb.append(first ? "\n    " : ",\n    ").append("{\"from\": ").append(quote(net.node(e.from()).name()))
                        .append(", \"to\": ").append(quote(net.node(e.to()).name()))
                        .append(", \"w\": ").append(quote(Q.format(e.weight()))).append('}');
                first = false;
            }
        }
        sb.append(first ? "]" : "\n  ]");
        if (net.hasBiases()) {
            sb.append(",\n  \"biases\": {");
            first = true;
            for (Edge e : net.edges()) {
                if (e.isBias()) {
                    Node to = net.node(e.to());
                    sb.append(first ? "" : ", ").append(quote(to.name())).append(": ").append(quote(Q.format(e.weight())));
                    first = false;
                }
            }
            sb.append('}');
        }
    }

    private static String row(BigFraction[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(Q.format(values[i])).append('"');
        }
        return sb.append(']').toString();
    }

    static String quote(String s) {
        try {
            return JsonInput.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
