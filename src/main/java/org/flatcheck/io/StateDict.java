package org.flatcheck.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;

/**
 * PyTorch state dicts of {@code nn.Sequential(Linear, ReLU, Linear, …)}-style models as layered networks.
 * Tensors are paired by name into layers: {@code P.weight} of shape (out, in), row-major as PyTorch stores
 * it, and optionally {@code P.bias} of shape (out), for every prefix P ({@code 0}, {@code 2}, …, or
 * {@code fc1}, {@code fc2}, or {@code layers.0}, …; a bare {@code weight}/{@code bias} is the prefix "").
 * Layers run in the natural order of their prefixes (digit runs compare as numbers: {@code fc2} before
 * {@code fc10}) and must chain: each layer's {@code in} is the previous layer's {@code out}. A ReLU is
 * assumed between consecutive layers and none after the last; a state dict cannot show activations.
 * Export is the inverse, with {@code nn.Sequential} names {@code 0.weight, 0.bias, 2.weight, …}.
 */
public final class StateDict {
    private static final int MAX_NAMES_SHOWN = 5;

    private StateDict() {
    }

    /** An imported network, the file it came from, and notes to show its user (e.g. zero biases that were added). */
    public record Imported(Network network, TensorFile source, List<String> notes) {
        public Imported {
            Objects.requireNonNull(network, "network");
            Objects.requireNonNull(source, "source");
            notes = List.copyOf(notes);
        }
    }

    /**
     * Tensors to write and what rounding did: {@code rounded} values were not float64s and were replaced
     * by their nearest float64, the largest relative error being {@code maxRelativeError} at parameter
     * {@code worst} (null when nothing was rounded).
     */
    public record Exported(List<Tensor> tensors, int rounded, BigFraction maxRelativeError, String worst) {
        public Exported {
            tensors = List.copyOf(tensors);
            Objects.requireNonNull(maxRelativeError, "maxRelativeError");
        }
    }

    /** One layer's tensors. */
    private static final class Layer {
        Tensor weight;
        Tensor bias;
    }

    /**
     * Reads a model file as a layered network: tensors in {@code ignore} and tensors that cannot be a
     * Linear layer's {@code weight} or {@code bias} are not decoded (so that a NaN in an unrelated buffer
     * is reported as unrelated), and each name in {@code ignore} must exist in the file.
     *
     * @see #toNetwork
     */
    public static Imported read(Path file, String name, Set<String> ignore, int[] expected, boolean fillMissingBiases) {
        TensorFile tf = TensorFile.read(file, n -> ignore.contains(n) || !isLayerParameter(n));
        Set<String> present = new TreeSet<>(tf.names());
        for (String n : ignore) {
            if (!present.contains(n)) {
                throw new InputError(file, null, "has no tensor \"" + n + "\" (named by --ignore)",
                        "its tensors are " + names(new ArrayList<>(present)));
            }
        }
        return toNetwork(tf, name, ignore, expected, fillMissingBiases);
    }

    /**
     * The layered network of a state dict.
     *
     * @param name the network's name
     * @param ignore tensors to leave out; every other tensor must be a layer's weight or bias
     * @param expected layer sizes {@code d₀, …, d_L} the tensors must have, or null to infer them
     * @param fillMissingBiases give zero biases to layers without one when other layers have one (the
     *     function is unchanged; the zero biases become parameters); without it such a mix is an error
     * @throws InputError naming the file and the offending tensor
     */
    public static Imported toNetwork(TensorFile tf, String name, Set<String> ignore, int[] expected,
            boolean fillMissingBiases) {
        Path file = tf.file();
        Map<String, Layer> layers = new TreeMap<>(StateDict::natural);
        List<String> unrelated = new ArrayList<>();
        for (String n : tf.skipped()) {
            if (!ignore.contains(n)) {
                unrelated.add(n);
            }
        }
        for (Tensor t : tf.tensors()) {
            String n = t.name();
            if (ignore.contains(n)) {
                continue;
            }
            if (!isLayerParameter(n)) {
                unrelated.add(n);
            } else if (n.equals("weight") || n.endsWith(".weight")) {
                layers.computeIfAbsent(prefix(n, "weight"), p -> new Layer()).weight = t;
            } else {
                layers.computeIfAbsent(prefix(n, "bias"), p -> new Layer()).bias = t;
            }
        }
        if (!unrelated.isEmpty()) {
            throw new InputError(file, SafeTensors.tensorField(unrelated.get(0)), "is not the weight or bias of a Linear layer"
                    + (unrelated.size() > 1 ? " (nor are " + names(unrelated.subList(1, unrelated.size())) + ")" : ""),
                    "flatcheck imports Linear layers with ReLU between them; if these tensors take no part in the "
                    + "forward pass, leave them out with --ignore " + String.join(",", unrelated));
        }
        if (layers.isEmpty()) {
            throw new InputError(file, null, tf.names().isEmpty() ? "holds no tensors" : "holds no tensors besides ignored ones",
                    "give a state dict with P.weight (and P.bias) tensors, e.g. 0.weight, 0.bias, 2.weight");
        }
        List<Layer> ordered = new ArrayList<>(layers.values());
        int[] sizes = sizes(file, ordered, expected);
        List<String> notes = new ArrayList<>();
        BigFraction[][] biases = biases(file, ordered, sizes, fillMissingBiases, notes);
        BigFraction[][][] weights = new BigFraction[ordered.size()][][];
        for (int l = 0; l < weights.length; l++) {
            Tensor w = ordered.get(l).weight;
            weights[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    weights[l][j][i] = w.value(j * sizes[l] + i);
                }
            }
        }
        return new Imported(Layered.of(name, sizes, weights, biases), tf, notes);
    }

    private static int[] sizes(Path file, List<Layer> ordered, int[] expected) {
        int[] sizes = new int[ordered.size() + 1];
        String previous = null;
        for (int l = 0; l < ordered.size(); l++) {
            Layer layer = ordered.get(l);
            Tensor w = layer.weight;
            if (w == null) {
                throw new InputError(file, SafeTensors.tensorField(layer.bias.name()), "has no matching weight tensor \""
                        + prefixOf(layer.bias.name(), "bias") + "weight\"", "give every Linear layer its weight, or --ignore the bias");
            }
            String field = SafeTensors.tensorField(w.name());
            if (w.rank() != 2 || w.dim(0) == 0 || w.dim(1) == 0 || w.dim(0) > Integer.MAX_VALUE || w.dim(1) > Integer.MAX_VALUE) {
                throw new InputError(file, field, "has shape " + w.shapeText() + ", not the (out, in) of a Linear layer",
                        "flatcheck imports Linear layers only (no convolutions or norms); --ignore tensors of other layers");
            }
            if (l == 0) {
                sizes[0] = (int) w.dim(1);
            } else if (w.dim(1) != sizes[l]) {
                throw new InputError(file, field, "has shape " + w.shapeText() + ": its " + w.dim(1) + " inputs do not match the "
                        + sizes[l] + " outputs of the previous layer \"" + previous + "\"",
                        "layers are taken in the natural order of their names (0, 2, 4, … or fc1, fc2, …); rename or --ignore tensors");
            }
            sizes[l + 1] = (int) w.dim(0);
            previous = w.name();
        }
        if (expected != null) {
            if (expected.length != sizes.length) {
                throw new InputError(file, null, "has " + ordered.size() + " weight tensors, so layer sizes "
                        + java.util.Arrays.toString(sizes) + ", but --layers gives " + expected.length + " sizes",
                        "give --layers " + join(sizes) + " or --layers auto");
            }
            for (int l = 0; l < sizes.length; l++) {
                if (expected[l] != sizes[l]) {
                    Tensor w = ordered.get(Math.max(0, l - 1)).weight;
                    throw new InputError(file, SafeTensors.tensorField(w.name()), "has shape " + w.shapeText() + ", so layer "
                            + l + " has " + sizes[l] + " units, but --layers says " + expected[l],
                            "give --layers " + join(sizes) + " or --layers auto");
                }
            }
        }
        return sizes;
    }

    private static BigFraction[][] biases(Path file, List<Layer> ordered, int[] sizes, boolean fill, List<String> notes) {
        List<String> without = new ArrayList<>();
        int with = 0;
        for (Layer layer : ordered) {
            if (layer.bias == null) {
                without.add(layer.weight.name());
                continue;
            }
            with++;
            Tensor b = layer.bias;
            if (b.rank() != 1 || b.dim(0) != layer.weight.dim(0)) {
                throw new InputError(file, SafeTensors.tensorField(b.name()), "has shape " + b.shapeText() + ", but its weight \""
                        + layer.weight.name() + "\" has " + layer.weight.dim(0) + " outputs, so the bias needs shape ["
                        + layer.weight.dim(0) + "]", "re-save the model's state dict");
            }
        }
        if (with == 0) {
            return null;
        }
        if (!without.isEmpty() && !fill) {
            throw new InputError(file, SafeTensors.tensorField(without.get(0)), "has no bias, but other layers have one",
                    "a layered network has biases on all layers or none; pass --fill-missing-biases to give "
                    + names(without) + " zero biases (the function is unchanged, but they become parameters)");
        }
        if (!without.isEmpty()) {
            notes.add("gave the layers of " + names(without) + " zero biases (--fill-missing-biases): the function is "
                    + "unchanged, but these " + without.size() + " bias vectors are parameters of the imported network");
        }
        BigFraction[][] biases = new BigFraction[ordered.size()][];
        for (int l = 0; l < biases.length; l++) {
            Tensor b = ordered.get(l).bias;
            biases[l] = b != null ? b.values() : zeros(sizes[l + 1]);
        }
        return biases;
    }

    private static BigFraction[] zeros(int n) {
        BigFraction[] z = new BigFraction[n];
        java.util.Arrays.fill(z, BigFraction.ZERO);
        return z;
    }

    /** Whether a tensor name can be a Linear layer's parameter: {@code weight}, {@code bias}, {@code P.weight}, {@code P.bias}. */
    static boolean isLayerParameter(String n) {
        return n.equals("weight") || n.endsWith(".weight") || n.equals("bias") || n.endsWith(".bias");
    }

    private static String prefix(String name, String suffix) {
        return name.equals(suffix) ? "" : name.substring(0, name.length() - suffix.length() - 1);
    }

    private static String prefixOf(String name, String suffix) {
        return name.equals(suffix) ? "" : name.substring(0, name.length() - suffix.length());
    }

    private static String names(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(names.size(), MAX_NAMES_SHOWN); k++) {
            sb.append(k == 0 ? "" : ", ").append('"').append(names.get(k)).append('"');
        }
        if (names.size() > MAX_NAMES_SHOWN) {
            sb.append(" and ").append(names.size() - MAX_NAMES_SHOWN).append(" more");
        }
        return sb.toString();
    }

    private static String join(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int d : sizes) {
            sb.append(sb.length() == 0 ? "" : ",").append(d);
        }
        return sb.toString();
    }

    /**
     * Natural order: runs of ASCII digits compare as numbers, everything else character by character;
     * ties (such as {@code 01} and {@code 1}) fall back to plain string order.
     */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int ei = digitsEnd(a, i);
                int ej = digitsEnd(b, j);
                int c = new BigInteger(a.substring(i, ei)).compareTo(new BigInteger(b.substring(j, ej)));
                if (c != 0) {
                    return c;
                }
                i = ei;
                j = ej;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int k = from;
        while (k < s.length() && isDigit(s.charAt(k))) {
            k++;
        }
        return k;
    }

    /**
     * The tensors of a layered network under {@code nn.Sequential} names: weight layer l is
     * {@code (2l).weight} (shape (out, in)) and {@code (2l).bias}. Values that are not float64s are an
     * error naming the parameter, unless {@code round}, which replaces each by its nearest float64 (ties
     * to even) and reports the largest relative error.
     *
     * @throws InputError naming {@code file} and the parameter: a DAG network, a value beyond the float64
     *     range, or (without {@code round}) a value that is not a float64
     */
    public static Exported fromNetwork(Network net, Path file, boolean round) {
        int[] sizes = net.layers().orElseThrow(() -> new InputError(file, null,
                "is a DAG network; export writes layered networks (nn.Sequential of Linear and ReLU) only",
                "give a network in the layered format {\"layers\", \"weights\", \"biases\"}"));
        BigFraction[][][] w = Layered.weights(net);
        BigFraction[][] b = Layered.biases(net);
        Rounding r = new Rounding(file, round);
        List<Tensor> tensors = new ArrayList<>();
        for (int l = 0; l < w.length; l++) {
            BigFraction[] flat = new BigFraction[sizes[l + 1] * sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    flat[j * sizes[l] + i] = r.apply(w[l][j][i], "weights[" + l + "][" + j + "][" + i + "]");
                }
            }
            tensors.add(Tensor.wrap(2 * l + ".weight", "F64", new long[] {sizes[l + 1], sizes[l]}, flat));
            if (b != null) {
                BigFraction[] bias = new BigFraction[sizes[l + 1]];
                for (int j = 0; j < bias.length; j++) {
                    bias[j] = r.apply(b[l][j], "biases[" + l + "][" + j + "]");
                }
                tensors.add(Tensor.wrap(2 * l + ".bias", "F64", new long[] {sizes[l + 1]}, bias));
            }
        }
        return new Exported(tensors, r.rounded, r.maxRelativeError, r.worst);
    }

    /** The metadata export writes: {@code format = pt} (what PyTorch loaders expect) and the network's name. */
    public static Map<String, String> exportMetadata(Network net) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("flatcheck_network", net.name());
        return m;
    }

    /** Rounds (or refuses) values that are not float64s, tracking the largest relative error. */
    private static final class Rounding {
        private final Path file;
        private final boolean round;
        int rounded;
        BigFraction maxRelativeError = BigFraction.ZERO;
        String worst;

        Rounding(Path file, boolean round) {
            this.file = file;
            this.round = round;
        }

        BigFraction apply(BigFraction v, String field) {
            BigFraction nearest;
            try {
                nearest = Float64.nearest(v);
            } catch (Float64.Overflow e) {
                throw new InputError(file, field, "is " + shown(v) + ", beyond the largest float64 (about 1.8e308)",
                        "scale the network (flatcheck rescale) so that every parameter fits");
            }
            if (nearest.equals(v)) {
                return v;
            }
            if (!round) {
                throw new InputError(file, field, "is " + shown(v) + ", which is not exactly a float64 (the nearest is "
                        + Q.approx(nearest, 17) + ")", "pass --round to round such values to the nearest float64;"
                        + " the largest relative error is reported");
            }
            rounded++;
            BigFraction rel = nearest.subtract(v).abs().divide(v.abs());
            if (rel.compareTo(maxRelativeError) > 0) {
                maxRelativeError = rel;
                worst = field;
            }
            return nearest;
        }

        private static String shown(BigFraction v) {
            String exact = Q.format(v);
            return exact.length() <= 60 ? exact : "≈ " + Q.approx(v, 17);
        }
    }
}
