package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * The checker's handler of a {@code group_image} check (docs/certificates.md §3), and its reading of a group
 * element: node scales (a layer scaling becomes the node scales c(h) = α₀⋯α_{l−1}) and a renaming of hidden
 * nodes. The image of an edge u → v of weight w is π(u) → π(v) with weight w·c(v)/c(u); the check holds when
 * the image of {@code from} is {@code to}, edge by edge.
 */
final class GroupImageCheck {
    private GroupImageCheck() {
    }

    /** A group element as the checker reads it: its symmetry, node scales and renaming. */
    record Element(String kind, Map<Integer, BigFraction> scale, Map<Integer, Integer> rename) {
    }

    static void check(Recomputation r, JsonNode c, String path) {
        CertificateReader reader = r.reader();
        Network from = reader.net(c, path, "from");
        Network to = reader.net(c, path, "to");
        Element element = element(reader, c, path, from);
        if (element == null) {
            return;
        }
        Map<Integer, BigFraction> scale = element.scale();
        Map<Integer, Integer> rename = element.rename();
        Map<String, BigFraction> image = new HashMap<>();
        for (Edge e : from.edges()) {
            BigFraction w = e.weight().multiply(scale.getOrDefault(e.to(), BigFraction.ONE))
                    .divide(scale.getOrDefault(e.from(), BigFraction.ONE));
            image.put(key(from, rename.getOrDefault(e.from(), e.from()), rename.getOrDefault(e.to(), e.to())), w);
        }
        Map<String, BigFraction> target = new HashMap<>();
        for (Edge e : to.edges()) {
            target.put(key(to, e.from(), e.to()), e.weight());
        }
        if (!image.equals(target)) {
            reader.fail(path + ": applying the element to " + c.get("from").asText() + " does not give " + c.get("to").asText());
        }
    }

    private static String key(Network n, int from, int to) {
        return n.node(from).name() + "\u0000" + n.node(to).name();
    }

    /** The element of a group image check, read from its {@code from} network; null (with a failure) if it is not a symmetry. */
    static Element element(CertificateReader reader, JsonNode c, String path) {
        return element(reader, c, path, reader.net(c, path, "from"));
    }

    /**
     * The parameter factors {@code D} of a rescaling element (each parameter of {@code from} is multiplied by
     * c(head)/c(tail)); null for a permutation.
     */
    static BigFraction[] parameterFactors(CertificateReader reader, JsonNode c, String path) {
        Network from = reader.net(c, path, "from");
        Element e = element(reader, c, path, from);
        if (e == null || !e.rename().isEmpty()) {
            return null;
        }
        BigFraction[] d = new BigFraction[from.numParameters()];
        for (int k = 0; k < d.length; k++) {
            Edge edge = from.edge(k);
            d[k] = e.scale().getOrDefault(edge.to(), BigFraction.ONE).divide(e.scale().getOrDefault(edge.from(), BigFraction.ONE));
        }
        return d;
    }

    /** The factor of weight layer {@code l} of a layer-scaling group image (1 if it is not one). */
    static BigFraction layerFactor(JsonNode image, int l) {
        JsonNode f = image.path("element").path("factors");
        return f.isArray() && f.size() > l ? Q.parse(f.get(l).asText()) : BigFraction.ONE;
    }

    private static Element element(CertificateReader reader, JsonNode c, String path, Network from) {
        JsonInput in = reader.input();
        JsonNode el = in.required(c, path, "element", FIX);
        Map<Integer, BigFraction> scale = new HashMap<>();
        Map<Integer, Integer> rename = new HashMap<>();
        String ep = path + ".element";
        String kind;
        if (el.has("scales")) {
            kind = "node_rescaling";
            el.get("scales").fields().forEachRemaining(e -> {
                int v = reader.hiddenNode(from, e.getKey(), ep + ".scales");
                BigFraction s = in.rational(e.getValue(), ep + ".scales." + e.getKey());
                if (s.getNumerator().signum() <= 0) {
                    throw in.error(ep + ".scales." + e.getKey(), "is not positive", "rescaling factors are > 0");
                }
                scale.put(v, s);
            });
        } else if (el.has("factors")) {
            kind = "layer_scaling";
            if (!layerScales(reader, el, path, from, scale)) {
                return null;
            }
        } else if (el.has("permutation")) {
            kind = "permutation";
            el.get("permutation").fields().forEachRemaining(e -> {
                int a = reader.hiddenNode(from, e.getKey(), ep + ".permutation");
                int b = reader.hiddenNode(from, in.string(e.getValue(), ep + ".permutation." + e.getKey(), FIX), ep + ".permutation");
                if (from.depth(a) != from.depth(b)) {
                    throw in.error(ep + ".permutation." + e.getKey(), "maps across layers", "permute units within a layer");
                }
                rename.put(a, b);
            });
            if (new HashSet<>(rename.values()).size() != rename.size() || !rename.keySet().equals(new HashSet<>(rename.values()))) {
                reader.fail(path + ": the permutation is not a bijection of the hidden nodes it names");
                return null;
            }
        } else {
            throw in.error(ep, "has none of scales, factors, permutation", "name the group element");
        }
        if (el.has("symmetry") && !kind.equals(el.get("symmetry").asText())) {
            throw in.error(ep + ".symmetry", "is \"" + el.get("symmetry").asText() + "\" but the element is a " + kind,
                    "name the symmetry the element belongs to");
        }
        return new Element(kind, scale, rename);
    }

    /** The node scales of a layer scaling's {@code factors}; false (with a failure) if they do not multiply to 1. */
    private static boolean layerScales(CertificateReader reader, JsonNode el, String path, Network from, Map<Integer, BigFraction> scale) {
        JsonInput in = reader.input();
        String ep = path + ".element";
        List<JsonNode> f = in.array(el.get("factors"), ep + ".factors", FIX);
        int[] sizes = from.layers().orElseThrow(() -> in.error(path + ".from", "is not layered", "layer scalings act on layered networks"));
        reader.expectLength(ep + ".factors", f.size(), sizes.length - 1);
        BigFraction product = BigFraction.ONE;
        BigFraction prefix = BigFraction.ONE;
        for (int l = 0; l < f.size(); l++) {
            BigFraction a = in.rational(f.get(l), ep + ".factors", l);
            if (a.getNumerator().signum() <= 0) {
                throw in.error(ep + ".factors[" + l + "]", "is not positive", "layer factors are > 0");
            }
            product = product.multiply(a);
            prefix = prefix.multiply(a);
            if (l + 1 < f.size()) {
                for (int v : from.nodesOf(Kind.HIDDEN)) {
                    if (from.depth(v) == l + 1) {
                        scale.put(v, prefix);
                    }
                }
            }
        }
        if (!product.equals(BigFraction.ONE)) {
            reader.fail(path + ": layer factors multiply to " + Q.format(product) + ", not 1: not a symmetry");
            return false;
        }
        return true;
    }
}
