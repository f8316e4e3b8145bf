package org.flatcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.Q;
import org.flatcheck.io.InputError;
import org.flatcheck.io.JsonInput;
import org.flatcheck.symmetry.ClassEnumerator;
import org.flatcheck.symmetry.ClassEnumerator.Tally;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck classes}: enumerate a weight grid and count equivalence classes, with cross-checks. */
@Command(name = "classes", mixinStandardHelpOptions = true,
        description = {"Enumerate every layered network with parameters from a grid, group them into classes "
            + "under node rescaling (with --permutations also hidden-unit permutations), and print the number of "
            + "classes and the histogram of class sizes. Cross-checks: on all-nonzero networks, classes ⇔ distinct "
            + "(sign pattern, path values) [M19]; with --permutations, Burnside's count. Exit 1 if a check fails. "
            + "Large runs split with --shard i/n -o part-i.json and combine with --merge part-*.json."})
final class ClassesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", split = ",", paramLabel = "D0,D1,…", description = "Layer sizes, e.g. 2,2,1.")
    int[] layers;

    @Option(names = "--grid", paramLabel = "V1,V2,…", description = "Parameter values, e.g. \"-1,0,1,2\" (rationals).")
    String grid;

    @Option(names = "--bias", description = "Networks with biases (also drawn from the grid).")
    boolean bias;

    @Option(names = "--permutations", description = "Also identify networks that differ by permuting hidden units.")
    boolean permutations;

    @Option(names = "--shard", paramLabel = "I/N", description = "Only networks k with k mod N = I − 1 (I = 1..N); writes mergeable JSON.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "FILE", description = "Combine shard files (all N shards, once each).")
    List<Path> merge;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the JSON here (atomically).")
    Path out;

    @Option(names = "--max-networks", defaultValue = "100000000", paramLabel = "N",
            description = "Refuse (exit 4) grids with more than N networks per shard (default ${DEFAULT-VALUE}).")
    long maxNetworks;

    @Option(names = "--max-burnside", defaultValue = "10000000", paramLabel = "N",
            description = "With --permutations, refuse (exit 4) the Burnside cross-check when |G| × rescaling classes "
                    + "exceeds N, |G| being the number of hidden-unit permutations (default ${DEFAULT-VALUE}).")
    long maxBurnside;

    @Option(names = "--spot-checks", defaultValue = "64", paramLabel = "N",
            description = "With --merge, re-enumerate N networks of each shard, a sample fixed by the shard's content "
                + "(no clock, no randomness), and check that they are in the classes it states (default ${DEFAULT-VALUE}).")
    int spotChecks;

    @Option(names = "--verify", description = "With --merge, re-enumerate every network of every shard and require "
            + "exactly the stated counts (as costly as the enumeration itself).")
    boolean verify;

    @Option(names = "--json", description = "JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (merge != null) {
            return report(mergeShards());
        }
        if (layers == null || grid == null) {
            throw new ParameterException(spec.commandLine(), "--layers and --grid are required (or --merge FILE…)");
        }
        long p = ClassEnumerator.parameterCount(layers, bias);
        if (p > ClassEnumerator.MAX_PARAMETERS) {
            throw new LimitExceeded("--layers give networks of " + p + " parameters, above the " + ClassEnumerator.MAX_PARAMETERS
                    + " an enumeration can have; use smaller layers");
        }
        Config config = new Config(layers, parseGrid(), bias, permutations);
        int[] sh = parseShard();
        ClassEnumerator en = config.enumerator();
        checkBurnside(config, BigInteger.ONE);
        BigInteger perShard = en.networks().add(BigInteger.valueOf(sh[1] - 1)).divide(BigInteger.valueOf(sh[1]));
        if (perShard.compareTo(BigInteger.valueOf(maxNetworks)) > 0) {
            throw new LimitExceeded(en.networks() + " networks (" + perShard + " per shard) exceed --max-networks "
                    + maxNetworks + "; use --shard i/n to split the work, or raise the limit");
        }
        Progress progress = Progress.of(spec, "classes", perShard.longValueExact());
        Tally tally = en.enumerate(sh[0] - 1, sh[1], progress::update);
        progress.done();
        if (shard != null) {
            NetworkArgs.emit(spec.commandLine().getOut(), out, Json.pretty(shardJson(config, sh, tally)));
            spec.commandLine().getErr().println("shard " + shard + ": " + tally.networks + " networks; merge all "
                    + sh[1] + " shards with --merge");
            return ExitCode.OK;
        }
        return report(new Merged(config, tally));
    }

    /**
     * The Burnside cross-check canonicalises every permutation of every rescaling class: refuse it up front
     * when {@code |G| × classes} is above {@code --max-burnside} (with classes = 1 before enumerating).
     */
    private void checkBurnside(Config config, BigInteger classes) {
        if (!config.permutations) {
            return;
        }
        BigInteger g = config.enumerator().groupSize();
        if (g.multiply(classes).compareTo(BigInteger.valueOf(maxBurnside)) > 0) {
            throw new LimitExceeded("the Burnside cross-check would canonicalise |G| = " + g + " permutations"
                    + (classes.equals(BigInteger.ONE) ? "" : " × " + classes + " rescaling classes")
                    + ", above --max-burnside " + maxBurnside + "; raise it, or use smaller hidden layers");
        }
    }

    private BigFraction[] parseGrid() {
        Set<BigFraction> values = new LinkedHashSet<>();
        for (String part : grid.split(",")) {
            try {
                if (!values.add(Q.parse(part))) {
                    throw new ParameterException(spec.commandLine(), "--grid: " + part.strip() + " is listed twice");
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--grid: " + e.getMessage()
                        + "; give comma-separated rationals such as \"-1,0,1/2,2\"");
            }
        }
        if (layers.length < 2 || java.util.Arrays.stream(layers).anyMatch(d -> d < 1)) {
            throw new ParameterException(spec.commandLine(), "--layers: give at least two positive sizes, e.g. 2,2,1");
        }
        return values.toArray(new BigFraction[0]);
    }

    private int[] parseShard() {
        if (shard == null) {
            return new int[] {1, 1};
        }
        String[] p = shard.split("/");
        try {
            int i = Integer.parseInt(p[0].strip());
            int n = Integer.parseInt(p[1].strip());
            if (p.length == 2 && n >= 1 && i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        } catch (RuntimeException e) {
            // fall through to the message
        }
        throw new ParameterException(spec.commandLine(), "--shard " + shard + ": expected I/N with 1 ≤ I ≤ N, e.g. 1/4");
    }

    private static ObjectNode shardJson(Config c, int[] sh, Tally t) {
        ObjectNode o = c.json();
        o.put("shard", sh[0] + "/" + sh[1]);
        o.put("networks", t.networks);
        putCounts(o.putObject("rescaling_classes"), t.rescalingClasses);
        putCounts(o.putObject("classes"), t.classes);
        ArrayNode pk = o.putArray("nonzero_path_keys");
        t.nonzeroPathKeys.stream().sorted().forEach(pk::add);
        ArrayNode rk = o.putArray("nonzero_rescaling_classes");
        t.nonzeroRescalingClasses.stream().sorted().forEach(rk::add);
        return o;
    }

    private static void putCounts(ObjectNode o, Map<String, Long> counts) {
        new TreeMap<>(counts).forEach(o::put);
    }

    private Merged mergeShards() {
        if (spotChecks < 0) {
            throw new ParameterException(spec.commandLine(), "--spot-checks must be non-negative, got " + spotChecks);
        }
        Config config = null;
        Tally total = new Tally();
        Set<Integer> seen = new java.util.HashSet<>();
        int n = -1;
        for (Path f : merge) {
            Shard s = readShard(f);
            if (config != null && !config.equals(s.config)) {
                throw new InputError(f, null, "was made with other --layers/--grid/--bias/--permutations than " + merge.get(0),
                        "merge shards of one enumeration");
            }
            config = s.config;
            if (n >= 0 && s.n != n) {
                throw new InputError(f, "shard", "splits the work into " + s.n + " shards, " + merge.get(0) + " into " + n,
                        "merge shards of one split");
            }
            n = s.n;
            if (!seen.add(s.i)) {
                throw new InputError(f, "shard", "shard " + s.i + "/" + n + " is given twice", "give each shard once");
            }
            check(f, s);
            total.merge(s.tally);
        }
        if (seen.size() != n) {
            throw new InputError(merge.get(0), "shard", seen.size() + " of " + n + " shards given", "give every shard once");
        }
        BigInteger expected = config.enumerator().networks();
        if (!BigInteger.valueOf(total.networks).equals(expected)) {
            throw new InputError(merge.get(0), "networks", "the shards count " + total.networks + " networks, but the grid has "
                    + expected, "merge the unedited shard files of one enumeration");
        }
        return new Merged(config, total);
    }

    private static final String EDITED_FIX = "merge the unedited shard files of one enumeration";

    /**
     * Checks one shard against its own enumeration before it is merged: the number of networks is that of
     * shard i/n, the class sizes add up to it, every key is a canonical form, every all-nonzero class is a
     * class, and a sample of its networks re-enumerated lands in the classes it states ({@code --spot-checks};
     * the sample is drawn with a seed taken from the shard's content, so it is the same on every run); with
     * {@code --verify} every network is re-enumerated and the counts must be exactly the file's.
     *
     * @throws InputError naming the file and the field at fault
     */
    private void check(Path f, Shard s) {
        ClassEnumerator en = s.config.enumerator();
        BigInteger all = en.networks();
        if (all.bitLength() > 62) {
            throw new InputError(f, "grid", "gives " + all + " networks, more than any shard run enumerates", EDITED_FIX);
        }
        long total = all.longValueExact();
        long expected = ClassEnumerator.shardSize(total, s.i - 1, s.n);
        if (s.tally.networks != expected) {
            throw new InputError(f, "networks", "is " + s.tally.networks + ", but shard " + s.i + "/" + s.n + " of "
                    + total + " networks has " + expected, EDITED_FIX);
        }
        sizesAddUp(f, "rescaling_classes", s.tally.rescalingClasses, expected);
        if (s.config.permutations) {
            sizesAddUp(f, "classes", s.tally.classes, expected);
        } else if (!s.tally.classes.isEmpty()) {
            throw new InputError(f, "classes", "lists classes under permutations, but the file says permutations: false",
                    EDITED_FIX);
        }
        canonical(f, "rescaling_classes", s.tally.rescalingClasses.keySet(), en, false);
        if (s.config.permutations) {
            canonical(f, "classes", s.tally.classes.keySet(), en, true);
        }
        for (String k : new java.util.TreeSet<>(s.tally.nonzeroRescalingClasses)) {
            if (!s.tally.rescalingClasses.containsKey(k)) {
                throw new InputError(f, "nonzero_rescaling_classes", "lists " + shorten(k) + ", which is not in rescaling_classes",
                        EDITED_FIX);
            }
        }
        if (s.tally.nonzeroPathKeys.size() > s.tally.networks) {
            throw new InputError(f, "nonzero_path_keys", "has " + s.tally.nonzeroPathKeys.size() + " entries for "
                    + s.tally.networks + " networks", EDITED_FIX);
        }
        if (verify) {
            if (expected > maxNetworks) {
                throw new LimitExceeded(f + ": --verify would re-enumerate " + expected + " networks, above --max-networks "
                        + maxNetworks + "; raise it, or merge without --verify");
            }
            Tally again = en.enumerate(s.i - 1, s.n, done -> { });
            same(f, "rescaling_classes", s.tally.rescalingClasses, again.rescalingClasses);
            same(f, "classes", s.tally.classes, again.classes);
            sameSet(f, "nonzero_rescaling_classes", s.tally.nonzeroRescalingClasses, again.nonzeroRescalingClasses);
            sameSet(f, "nonzero_path_keys", s.tally.nonzeroPathKeys, again.nonzeroPathKeys);
            return;
        }
        spotCheck(f, s, en, expected);
    }

    private static void sizesAddUp(Path f, String field, Map<String, Long> sizes, long networks) {
        long sum = 0;
        for (Map.Entry<String, Long> e : new TreeMap<>(sizes).entrySet()) {
            if (e.getValue() < 1) {
                throw new InputError(f, field + "." + shorten(e.getKey()), "is " + e.getValue() + ", but a class has at least "
                        + "one network", EDITED_FIX);
            }
            sum += e.getValue();
            if (sum > networks) {
                break;
            }
        }
        if (sum != networks) {
            throw new InputError(f, field, "the class sizes add up to " + (sum > networks ? "more than " + networks : sum)
                    + ", but the shard has " + networks + " networks", EDITED_FIX);
        }
    }

    private static void canonical(Path f, String field, Set<String> keys, ClassEnumerator en, boolean withPermutations) {
        for (String k : new java.util.TreeSet<>(keys)) {
            boolean ok;
            try {
                ok = en.isCanonical(k, withPermutations);
            } catch (RuntimeException e) {
                ok = false; // not even a network of this enumeration's shape
            }
            if (!ok) {
                throw new InputError(f, field + "." + shorten(k), "is not the canonical form of its network under "
                        + (withPermutations ? "rescaling and permutation" : "rescaling"), EDITED_FIX);
            }
        }
    }

    /**
     * Re-enumerates {@code --spot-checks} networks of the shard (distinct, drawn with a seed made from the
     * shard's label and content: the same files always get the same sample) and requires each in the classes
     * the file states.
     */
    private void spotCheck(Path f, Shard s, ClassEnumerator en, long networks) {
        long seed = 31L * (31L * s.i + s.n) + new TreeMap<>(s.tally.rescalingClasses).toString().hashCode();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        int k = (int) Math.min(spotChecks, networks);
        Set<Long> picked = new java.util.TreeSet<>();
        while (picked.size() < k) {
            picked.add(k == networks ? picked.size() : rnd.nextLong(networks));
        }
        for (long j : picked) {
            long code = (s.i - 1) + j * s.n;
            ClassEnumerator.Classified c = en.classify(code);
            String where = null;
            if (!s.tally.rescalingClasses.containsKey(c.rescalingKey())) {
                where = "rescaling class " + shorten(c.rescalingKey()) + ", which the file does not list";
            } else if (c.classKey() != null && !s.tally.classes.containsKey(c.classKey())) {
                where = "class " + shorten(c.classKey()) + " (with permutations), which the file does not list";
            } else if (c.pathKey() != null && !s.tally.nonzeroRescalingClasses.contains(c.rescalingKey())) {
                where = "all-nonzero class " + shorten(c.rescalingKey()) + ", which nonzero_rescaling_classes does not list";
            } else if (c.pathKey() != null && !s.tally.nonzeroPathKeys.contains(c.pathKey())) {
                where = "(sign pattern, path values) " + shorten(c.pathKey()) + ", which nonzero_path_keys does not list";
            }
            if (where != null) {
                throw new InputError(f, "shard", "network " + code + " of shard " + s.i + "/" + s.n + " is in " + where
                        + ": the file is not shard " + s.i + "/" + s.n + " of this enumeration, or was edited", EDITED_FIX);
            }
        }
    }

    private static void same(Path f, String field, Map<String, Long> stated, Map<String, Long> actual) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(stated.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            Long a = stated.get(k);
            Long b = actual.get(k);
            if (!java.util.Objects.equals(a, b)) {
                throw new InputError(f, field + "." + shorten(k), (a == null ? "is missing" : "is " + a) + ", but re-enumerating "
                        + "the shard gives " + (b == null ? "no such class" : b + " network(s)"), EDITED_FIX);
            }
        }
    }

    private static void sameSet(Path f, String field, Set<String> stated, Set<String> actual) {
        if (!stated.equals(actual)) {
            java.util.TreeSet<String> diff = new java.util.TreeSet<>(stated);
            diff.removeAll(actual);
            String k = diff.isEmpty() ? new java.util.TreeSet<>(actual).stream().filter(x -> !stated.contains(x)).findFirst()
                    .orElse("?") : diff.first();
            throw new InputError(f, field, (diff.isEmpty() ? "lacks " : "lists ") + shorten(k) + ", but re-enumerating the "
                    + "shard gives " + actual.size() + " entries", EDITED_FIX);
        }
    }

    private static String shorten(String key) {
        return key.length() > 60 ? key.substring(0, 60) + "…" : key;
    }

    /** One shard file: what it enumerated, which shard it is, and its counts. */
    private record Shard(Config config, int i, int n, Tally tally) {
    }

    private static final String SHARD_FIX = "give files written by 'flatcheck classes --shard i/n -o FILE'";
    private static final Set<String> SHARD_KEYS = Set.of("flatcheck_classes", "shard", "layers", "grid", "bias", "permutations",
            "networks", "rescaling_classes", "classes", "nonzero_path_keys", "nonzero_rescaling_classes");

    /** Reads a shard file with the checks and limits of every input file (size, syntax, --max-bits). */
    private static Shard readShard(Path f) {
        JsonInput in = JsonInput.read(f);
        JsonNode o = in.root;
        if (!o.has("flatcheck_classes")) {
            throw new InputError(f, null, "is not a shard file of flatcheck classes (no flatcheck_classes field)", SHARD_FIX);
        }
        in.onlyKeys(o, "", SHARD_KEYS);
        String shard = in.string(in.required(o, "", "shard", SHARD_FIX), "shard", SHARD_FIX);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})/(\\d{1,9})").matcher(shard);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
            throw in.error("shard", "\"" + (shard.length() > 40 ? shard.substring(0, 40) + "…" : shard)
                    + "\" is not i/n with 1 ≤ i ≤ n", SHARD_FIX);
        }
        List<JsonNode> ls = in.array(in.required(o, "", "layers", SHARD_FIX), "layers", SHARD_FIX);
        if (ls.size() < 2 || ls.size() > 100) {
            throw in.error("layers", "has " + ls.size() + " entries, expected 2 to 100 layer sizes", SHARD_FIX);
        }
        int[] layers = new int[ls.size()];
        for (int k = 0; k < layers.length; k++) {
            layers[k] = in.positiveInt(ls.get(k), "layers[" + k + "]", SHARD_FIX);
        }
        List<JsonNode> gs = in.array(in.required(o, "", "grid", SHARD_FIX), "grid", SHARD_FIX);
        if (gs.isEmpty()) {
            throw in.error("grid", "is empty", SHARD_FIX);
        }
        BigFraction[] grid = new BigFraction[gs.size()];
        for (int k = 0; k < grid.length; k++) {
            grid[k] = in.rational(gs.get(k), "grid", k);
        }
        boolean bias = bool(in, o, "bias");
        long p = ClassEnumerator.parameterCount(layers, bias);
        if (p > ClassEnumerator.MAX_PARAMETERS) {
            throw in.error("layers", "give networks of " + p + " parameters, above the " + ClassEnumerator.MAX_PARAMETERS
                    + " any enumeration can have", SHARD_FIX);
        }
        Config config = new Config(layers, grid, bias, bool(in, o, "permutations"));
        Tally t = new Tally();
        t.networks = count(in, in.required(o, "", "networks", SHARD_FIX), "networks");
        counts(in, o, "rescaling_classes", t.rescalingClasses, config);
        counts(in, o, "classes", t.classes, config);
        strings(in, o, "nonzero_path_keys", t.nonzeroPathKeys);
        strings(in, o, "nonzero_rescaling_classes", t.nonzeroRescalingClasses);
        return new Shard(config, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), t);
    }

    private static boolean bool(JsonInput in, JsonNode o, String key) {
        JsonNode v = in.required(o, "", key, SHARD_FIX);
        if (!v.isBoolean()) {
            throw in.error(key, "is " + JsonInput.describe(v) + ", expected true or false", SHARD_FIX);
        }
        return v.booleanValue();
    }

    private static long count(JsonInput in, JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw in.error(path, "is " + JsonInput.describe(v) + ", expected a count (a non-negative integer)", SHARD_FIX);
        }
        return v.longValue();
    }

    /** Class keys and their sizes; every key must be a parameter vector of the enumeration's networks. */
    private static void counts(JsonInput in, JsonNode o, String key, Map<String, Long> into, Config config) {
        JsonNode v = in.required(o, "", key, SHARD_FIX);
        if (!v.isObject()) {
            throw in.error(key, "is " + JsonInput.describe(v) + ", expected an object of class sizes", SHARD_FIX);
        }
        int p = config.enumerator().parameters();
        v.fields().forEachRemaining(e -> {
            String path = key + "." + (e.getKey().length() > 40 ? e.getKey().substring(0, 40) + "…" : e.getKey());
            String[] parts = e.getKey().split(",", -1);
            if (parts.length != p) {
                throw in.error(path, "is not a class key (" + p + " parameters separated by commas)", SHARD_FIX);
            }
            for (String part : parts) {
                if (part.length() > 1000) {
                    throw in.error(path, "holds a number of " + part.length() + " characters", SHARD_FIX);
                }
                try {
                    Q.parse(part);
                } catch (IllegalArgumentException | ArithmeticException bad) {
                    throw in.error(path, "is not a class key (\"" + (part.length() > 20 ? part.substring(0, 20) + "…" : part)
                            + "\" is no rational number)", SHARD_FIX);
                }
            }
            into.put(e.getKey(), count(in, e.getValue(), path));
        });
    }

    private static void strings(JsonInput in, JsonNode o, String key, Set<String> into) {
        for (JsonNode x : in.array(in.required(o, "", key, SHARD_FIX), key, SHARD_FIX)) {
            into.add(in.string(x, key + "[]", SHARD_FIX));
        }
    }

    private int report(Merged m) {
        Tally t = m.tally;
        Map<String, Long> classes = m.config.permutations ? t.classes : t.rescalingClasses;
        ObjectNode o = m.config.json();
        o.remove("flatcheck_classes");
        o.put("networks", t.networks);
        o.put("classes", classes.size());
        ObjectNode hist = o.putObject("class_size_histogram");
        Tally.histogram(classes).forEach((size, count) -> hist.put(Long.toString(size), count));
        ObjectNode checks = o.putObject("cross_checks");
        boolean ok = t.nonzeroRescalingClasses.size() == t.nonzeroPathKeys.size();
        checks.put("nonzero_rescaling_classes", t.nonzeroRescalingClasses.size());
        checks.put("nonzero_distinct_sign_and_path_values", t.nonzeroPathKeys.size());
        checks.put("nonzero_agree", ok);
        if (m.config.permutations) {
            checkBurnside(m.config, BigInteger.valueOf(t.rescalingClasses.size()));
            long orbits;
            try {
                orbits = m.config.enumerator().burnside(t.rescalingClasses.keySet());
            } catch (IllegalStateException notCanonical) {
                if (merge == null) {
                    throw notCanonical;
                }
                throw new InputError(merge.get(0), "rescaling_classes", "are not the canonical forms of this enumeration ("
                        + notCanonical.getMessage() + ")", "merge the unedited shard files of one enumeration");
            }
            o.put("rescaling_classes", t.rescalingClasses.size());
            checks.put("burnside_orbits", orbits);
            checks.put("burnside_agree", orbits == classes.size());
            ok &= orbits == classes.size();
        }
        String text = json ? Json.pretty(o) : text(o);
        NetworkArgs.emit(spec.commandLine().getOut(), out, text);
        if (out != null && !json) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return ok ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static String text(ObjectNode o) {
        StringBuilder sb = new StringBuilder();
        sb.append("layers ").append(o.get("layers")).append(", grid ").append(o.get("grid"))
                .append(o.get("bias").asBoolean() ? ", with biases" : "").append(", under ")
                .append(o.get("permutations").asBoolean() ? "rescaling and permutation" : "rescaling").append('\n');
        sb.append("networks  ").append(o.get("networks").asText()).append('\n');
        sb.append("classes   ").append(o.get("classes").asText()).append('\n');
        sb.append("class sizes (size: number of classes)\n");
        o.get("class_size_histogram").fields().forEachRemaining(e -> sb.append(String.format("  %6s: %s%n", e.getKey(),
                e.getValue().asText())));
        JsonNode c = o.get("cross_checks");
        sb.append("cross-check, all-nonzero networks: ").append(c.get("nonzero_rescaling_classes").asText())
                .append(" classes vs ").append(c.get("nonzero_distinct_sign_and_path_values").asText())
                .append(" distinct (sign pattern, path values): ").append(c.get("nonzero_agree").asBoolean() ? "agree" : "DISAGREE")
                .append('\n');
        if (c.has("burnside_orbits")) {
            sb.append("cross-check, Burnside over ").append(o.get("rescaling_classes").asText()).append(" rescaling classes: ")
                    .append(c.get("burnside_orbits").asText()).append(" orbits: ")
                    .append(c.get("burnside_agree").asBoolean() ? "agree" : "DISAGREE").append('\n');
        }
        return sb.toString();
    }

    /** What an enumeration was run with; shards must agree on it. */
    record Config(int[] layers, BigFraction[] grid, boolean bias, boolean permutations) {
        ClassEnumerator enumerator() {
            return new ClassEnumerator(layers, grid, bias, permutations);
        }

        ObjectNode json() {
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
            return x instanceof Config c && java.util.Arrays.equals(layers, c.layers) && java.util.Arrays.equals(grid, c.grid)
                    && bias == c.bias && permutations == c.permutations;
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(layers) * 31 + java.util.Arrays.hashCode(grid);
        }
    }

    private record Merged(Config config, Tally tally) {
    }
}
