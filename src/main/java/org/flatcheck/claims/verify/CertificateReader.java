package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.JsonInput;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * One certificate as the checker reads it: its networks and datasets by name, and the fields its checks and
 * quantities refer to (networks, datasets, vectors of rationals, paths by node names), each read or
 * refused with an {@link org.flatcheck.io.InputError} that names the field. It also collects, in the order
 * found, the failed facts of the certificate (a well-formed fact that is false), for the verifier's result.
 */
final class CertificateReader {
    /** The fix printed with every malformed field. */
    static final String FIX = "certificates are written by 'flatcheck prove'; see docs/certificates.md for the format";

    private final JsonInput in;
    private final Map<String, Network> networks = new HashMap<>();
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final List<String> failures = new ArrayList<>();

    CertificateReader(JsonInput in) {
        this.in = in;
    }

    /** Reads the certificate's {@code networks}, then its {@code datasets}. */
    void load(JsonNode root) {
        JsonNode nets = root.get("networks");
        if (nets != null) {
            nets.fields().forEachRemaining(e -> networks.put(e.getKey(), readNetwork(e.getKey(), e.getValue())));
        }
        JsonNode data = root.get("datasets");
        if (data != null) {
            data.fields().forEachRemaining(e -> datasets.put(e.getKey(), readDataset(e.getKey(), e.getValue())));
        }
    }

    private Network readNetwork(String name, JsonNode node) {
        try {
            return NetworkJson.read(in.file(), "networks." + name, node);
        } catch (IllegalArgumentException e) {
            throw in.error("networks." + name, "is not a valid network: " + e.getMessage(), "fix the network");
        }
    }

    private Dataset readDataset(String name, JsonNode node) {
        return DatasetJson.read(in.file(), "datasets." + name, node);
    }

    JsonInput input() {
        return in;
    }

    /** Records a failed fact (one line). */
    void fail(String failure) {
        failures.add(failure);
    }

    /** The failed facts so far, in the order found. */
    List<String> failures() {
        return failures;
    }

    /** The certificate's dataset named {@code name}, or null. */
    Dataset datasetNamed(String name) {
        return datasets.get(name);
    }

    /** The certificate's network named {@code name}, or null. */
    Network networkNamed(String name) {
        return networks.get(name);
    }

    Network net(JsonNode c, String path, String field) {
        String name = in.string(in.required(c, path, field, FIX), path + "." + field, FIX);
        Network n = networks.get(name);
        if (n == null) {
            throw in.error(path + "." + field, "names network \"" + name + "\", which is not in networks", "add it or fix the name");
        }
        return n;
    }

    /** The dataset named by {@code c.data}, which must fit every network in {@code nets} (inputs and outputs). */
    Dataset data(JsonNode c, String path, Network... nets) {
        String name = in.string(in.required(c, path, "data", FIX), path + ".data", FIX);
        Dataset d = datasets.get(name);
        if (d == null) {
            throw in.error(path + ".data", "names dataset \"" + name + "\", which is not in datasets", "add it or fix the name");
        }
        for (Network n : nets) {
            if (d.inputDimension() != n.numInputs() || d.targetDimension() != n.numOutputs()) {
                throw in.error(path + ".data", "names dataset \"" + name + "\" of dimension " + d.inputDimension() + " → "
                        + d.targetDimension() + ", but network \"" + n.name() + "\" has " + n.numInputs() + " inputs and "
                        + n.numOutputs() + " outputs", "name a dataset that fits the network");
            }
        }
        return d;
    }

    /** The point {@code c.input}, one value per input of {@code n}. */
    BigFraction[] inputPoint(JsonNode c, String path, Network n) {
        BigFraction[] x = vector(c, path, "input");
        expectLength(path + ".input", x.length, n.numInputs());
        return x;
    }

    BigFraction[] vector(JsonNode c, String path, String field) {
        return values(in.required(c, path, field, FIX), path + "." + field);
    }

    /** The direction {@code q.u}: one value per parameter of {@code n}, or θ itself for the string {@code "theta"}. */
    BigFraction[] direction(JsonNode q, String path, Network n) {
        JsonNode node = in.required(q, path, "u", FIX);
        if (node.isTextual() && node.asText().equals("theta")) {
            return n.parameters();
        }
        BigFraction[] u = vector(q, path, "u");
        expectLength(path + ".u", u.length, n.numParameters());
        return u;
    }

    BigFraction[] values(JsonNode node, String path) {
        if (node.isArray()) {
            BigFraction[] out = new BigFraction[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = in.rational(node.get(i), path, i);
            }
            return out;
        }
        return new BigFraction[] {in.rational(node, path)};
    }

    int[] pathNodes(Network n, JsonNode node, String path) {
        List<JsonNode> names = in.array(node == null ? in.required(in.root, path, "path", FIX) : node, path, FIX);
        int[] p = new int[names.size()];
        for (int i = 0; i < p.length; i++) {
            String name = in.string(names.get(i), path + "[" + i + "]", FIX);
            p[i] = name.equals("1") ? Network.SOURCE : indexOf(n, name, path + "[" + i + "]");
            if (i > 0 && IndependentEvaluator.edgeIndex(n, p[i - 1], p[i]) < 0) {
                throw in.error(path + "[" + i + "]", "no edge " + names.get(i - 1).asText() + " → " + name, "give a path along edges");
            }
        }
        if (p.length < 2 || n.node(p[p.length - 1]).kind() != Kind.OUTPUT
                || (p[0] != Network.SOURCE && n.node(p[0]).kind() != Kind.INPUT)) {
            throw in.error(path, "is not a path from an input (or the bias source \"1\") to an output", "give a full path");
        }
        return p;
    }

    private int indexOf(Network n, String name, String path) {
        int v = n.indexOf(name);
        if (v < 0) {
            throw in.error(path, "names node \"" + name + "\", which the network does not have", "use the network's node names");
        }
        return v;
    }

    int hiddenNode(Network n, String name, String path) {
        int v = indexOf(n, name, path);
        if (n.node(v).kind() != Kind.HIDDEN) {
            throw in.error(path, "names " + name + ", which is not a hidden node", "group elements act on hidden nodes");
        }
        return v;
    }

    void expectLength(String path, int got, int want) {
        if (got != want) {
            throw in.error(path, "has " + got + " entries, expected " + want, "give one entry per parameter, layer or input, as the field requires");
        }
    }
}
