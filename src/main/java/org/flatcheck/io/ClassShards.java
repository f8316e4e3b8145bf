package org.flatcheck.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * The shard file of {@code flatcheck classes --shard i/n -o FILE}: what the enumeration ran with (layers, grid,
 * bias, permutations), which shard it is, and its counts: networks, class sizes under rescaling (and with
 * permutations), the keys of the all-nonzero networks' (sign pattern, path values) and of their rescaling
 * classes. Reading checks the file like every input (size, syntax, {@code --max-bits}) and every field's
 * shape; whether the counts are those of the enumeration is for {@code symmetry.ShardCheck} to decide.
 *
 * <pre>
 * {"flatcheck_classes": 1, "layers": [1, 2, 1], "grid": ["-1", "0", "1"], "bias": false, "permutations": false,
 *  "shard": "1/3", "networks": 27, "rescaling_classes": {"KEY": size, …}, "classes": {…},
 *  "nonzero_path_keys": […], "nonzero_rescaling_classes": […]}
 * </pre>
 * A class key is the class's canonical parameter vector, its numbers separated by commas.
 */
public final class ClassShards {
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String FIX = "give files written by 'flatcheck classes --shard i/n -o FILE'";
    private static final Set<String> KEYS = Set.of("flatcheck_classes", "shard", "layers", "grid", "bias", "permutations",
            "networks", "rescaling_classes", "classes", "nonzero_path_keys", "nonzero_rescaling_classes");
    private static final Pattern SHARD = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    private ClassShards() {
    }

    /** What an enumeration ran with: layer sizes, the parameter grid, biases, and whether permutations count too. */
    public record Enumeration(int[] layers, BigFraction[] grid, boolean bias, boolean permutations) {
        public Enumeration {
            layers = layers.clone();
            grid = grid.clone();
        }

        /** A copy. */
        @Override
        public int[] layers() {
            return layers.clone();
        }

        /** A copy. */
        @Override
        public BigFraction[] grid() {
            return grid.clone();
        }

        /** The number of parameters of its networks, {@code Σ_l d_{l+1}·(d_l + [bias])}. */
        public long parameters() {
            long p = 0;
            for (int l = 0; l + 1 < layers.length; l++) {
                p += (long) layers[l + 1] * (layers[l] + (bias ? 1L : 0L));
            }
            return p;
        }

        /** The fields that describe it, in file order, after {@code "flatcheck_classes": 1}. */
        public ObjectNode json() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("flatcheck_classes", 1);
            ArrayNode l = o.putArray("layers");
            for (int d : layers) {
                l.add(d);
            }
            ArrayNode g = o.putArray("grid");
            for (BigFraction x : grid) {
                g.add(Q.format(x));
            }
            o.put("bias", bias);
            o.put("permutations", permutations);
            return o;
        }

        @Override
        public boolean equals(Object x) {
            return x instanceof Enumeration e && Arrays.equals(layers, e.layers) && Arrays.equals(grid, e.grid)
                    && bias == e.bias && permutations == e.permutations;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(layers) * 31 + Arrays.hashCode(grid);
        }

        @Override
        public String toString() {
            return "Enumeration[layers=" + Arrays.toString(layers) + ", grid=" + Arrays.toString(grid) + ", bias=" + bias
                    + ", permutations=" + permutations + "]";
        }
    }

    /**
     * Shard {@code index} of {@code count} (1-based) of an enumeration and its counts: class key → number of
     * networks, under rescaling and (with permutations, else empty) under rescaling and permutation.
     */
    public record Shard(Enumeration enumeration, int index, int count, long networks, Map<String, Long> rescalingClasses,
            Map<String, Long> classes, Set<String> nonzeroPathKeys, Set<String> nonzeroRescalingClasses) {
        /** Unmodifiable copies that keep the given iteration order. */
        public Shard {
            rescalingClasses = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rescalingClasses));
            classes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(classes));
            nonzeroPathKeys = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(nonzeroPathKeys));
            nonzeroRescalingClasses = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(nonzeroRescalingClasses));
        }
    }

    /** The shard file's text: pretty-printed JSON, keys and classes in sorted order. */
    public static String toJson(Shard s) {
        ObjectNode o = s.enumeration().json();
        o.put("shard", s.index() + "/" + s.count());
        o.put("networks", s.networks());
        new TreeMap<>(s.rescalingClasses()).forEach(o.putObject("rescaling_classes")::put);
        new TreeMap<>(s.classes()).forEach(o.putObject("classes")::put);
        ArrayNode pk = o.putArray("nonzero_path_keys");
        s.nonzeroPathKeys().stream().sorted().forEach(pk::add);
        ArrayNode rk = o.putArray("nonzero_rescaling_classes");
        s.nonzeroRescalingClasses().stream().sorted().forEach(rk::add);
        try {
            return PRETTY.writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a shard file with the checks and limits of every input file (size, syntax, {@code --max-bits});
     * layers giving networks of more than {@code maxParameters} parameters are refused.
     *
     * @throws InputError naming the file and the field at fault
     */
    public static Shard read(Path f, int maxParameters) {
        JsonInput in = JsonInput.read(f);
        JsonNode o = in.root;
        if (!o.has("flatcheck_classes")) {
            throw new InputError(f, null, "is not a shard file of flatcheck classes (no flatcheck_classes field)", FIX);
        }
        in.onlyKeys(o, "", KEYS);
        String shard = in.string(in.required(o, "", "shard", FIX), "shard", FIX);
        Matcher m = SHARD.matcher(shard);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            throw in.error("shard", "\"" + (shard.length() > 40 ? shard.substring(0, 40) + "…" : shard)
                    + "\" is not i/n with 1 ≤ i ≤ n", FIX);
        }
        Enumeration e = enumeration(in, o, maxParameters);
        long networks = count(in, in.required(o, "", "networks", FIX), "networks");
        long p = e.parameters();
        Map<String, Long> rescalingClasses = counts(in, o, "rescaling_classes", p);
        Map<String, Long> classes = counts(in, o, "classes", p);
        return new Shard(e, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), networks, rescalingClasses, classes,
                strings(in, o, "nonzero_path_keys"), strings(in, o, "nonzero_rescaling_classes"));
    }

    private static Enumeration enumeration(JsonInput in, JsonNode o, int maxParameters) {
        List<JsonNode> ls = in.array(in.required(o, "", "layers", FIX), "layers", FIX);
        if (ls.size() < 2 || ls.size() > 100) {
            throw in.error("layers", "has " + ls.size() + " entries, expected 2 to 100 layer sizes", FIX);
        }
        int[] layers = new int[ls.size()];
        for (int k = 0; k < layers.length; k++) {
            layers[k] = in.positiveInt(ls.get(k), "layers[" + k + "]", FIX);
        }
        List<JsonNode> gs = in.array(in.required(o, "", "grid", FIX), "grid", FIX);
        if (gs.isEmpty()) {
            throw in.error("grid", "is empty", FIX);
        }
        BigFraction[] grid = new BigFraction[gs.size()];
        for (int k = 0; k < grid.length; k++) {
            grid[k] = in.rational(gs.get(k), "grid", k);
        }
        boolean bias = bool(in, o, "bias");
        long p = new Enumeration(layers, grid, bias, false).parameters();
        if (p > maxParameters) {
            throw in.error("layers", "give networks of " + p + " parameters, above the " + maxParameters
                    + " any enumeration can have", FIX);
        }
        return new Enumeration(layers, grid, bias, bool(in, o, "permutations"));
    }

    private static boolean bool(JsonInput in, JsonNode o, String key) {
        JsonNode v = in.required(o, "", key, FIX);
        if (!v.isBoolean()) {
            throw in.error(key, "is " + JsonInput.describe(v) + ", expected true or false", FIX);
        }
        return v.booleanValue();
    }

    private static long count(JsonInput in, JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw in.error(path, "is " + JsonInput.describe(v) + ", expected a count (a non-negative integer)", FIX);
        }
        return v.longValue();
    }

    /** Class keys and their sizes; every key must be a parameter vector of {@code p} rational numbers. */
    private static Map<String, Long> counts(JsonInput in, JsonNode o, String key, long p) {
        JsonNode v = in.required(o, "", key, FIX);
        if (!v.isObject()) {
            throw in.error(key, "is " + JsonInput.describe(v) + ", expected an object of class sizes", FIX);
        }
        Map<String, Long> into = new HashMap<>();
        v.fields().forEachRemaining(e -> {
            String path = key + "." + (e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "…" : e.getKey());
            String[] parts = e.getKey().split(",", -1);
            if (parts.length != p) {
                throw in.error(path, "is not a class key (" + p + " parameters separated by commas)", FIX);
            }
            for (String part : parts) {
                if (part.length() > 1000) {
                    throw in.error(path, "holds a number of " + part.length() + " characters", FIX);
                }
                try {
                    Q.parse(part);
                } catch (IllegalArgumentException | ArithmeticException bad) {
                    throw in.error(path, "is not a class key (\"" + (part.length() > 20 ? part.substring(0, 20) + "…" : part)
                            + "\" is no rational number)", FIX);
                }
            }
            into.put(e.getKey(), count(in, e.getValue(), path));
        });
        return into;
    }

    private static Set<String> strings(JsonInput in, JsonNode o, String key) {
        Set<String> into = new HashSet<>();
        for (JsonNode x : in.array(in.required(o, "", key, FIX), key, FIX)) {
            into.add(in.string(x, key + "[]", FIX));
        }
        return into;
    }
}
