package org.flatcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.InputError;
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
        Config config = new Config(layers, parseGrid(), bias, permutations);
        int[] sh = parseShard();
        ClassEnumerator en = config.enumerator();
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
        Config config = null;
        Tally total = new Tally();
        Set<Integer> seen = new java.util.HashSet<>();
        int n = -1;
        for (Path f : merge) {
            JsonNode o = readShard(f);
            Config c = Config.of(o, f);
            if (config != null && !config.equals(c)) {
                throw new InputError(f, null, "was made with other --layers/--grid/--bias/--permutations than " + merge.get(0),
                        "merge shards of one enumeration");
            }
            config = c;
            String[] sh = o.path("shard").asText("").split("/");
            int i = Integer.parseInt(sh[0]);
            if (n >= 0 && Integer.parseInt(sh[1]) != n) {
                throw new InputError(f, "shard", "splits the work into " + sh[1] + " shards, " + merge.get(0) + " into " + n,
                        "merge shards of one split");
            }
            n = Integer.parseInt(sh[1]);
            if (!seen.add(i)) {
                throw new InputError(f, "shard", "shard " + i + "/" + n + " is given twice", "give each shard once");
            }
            total.merge(tally(o));
        }
        if (seen.size() != n) {
            throw new InputError(merge.get(0), "shard", seen.size() + " of " + n + " shards given", "give every shard once");
        }
        return new Merged(config, total);
    }

    private static JsonNode readShard(Path f) {
        try {
            JsonNode o = new ObjectMapper().readTree(Files.readAllBytes(f));
            if (o == null || !o.has("flatcheck_classes") || !o.path("shard").asText("").matches("\\d+/\\d+")) {
                throw new InputError(f, null, "is not a shard file of flatcheck classes", "give files written with --shard i/n");
            }
            return o;
        } catch (IOException e) {
            throw new InputError(f, null, "cannot be read as JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                    "give files written with --shard i/n");
        }
    }

    private static Tally tally(JsonNode o) {
        Tally t = new Tally();
        t.networks = o.path("networks").asLong();
        o.path("rescaling_classes").fields().forEachRemaining(e -> t.rescalingClasses.put(e.getKey(), e.getValue().asLong()));
        o.path("classes").fields().forEachRemaining(e -> t.classes.put(e.getKey(), e.getValue().asLong()));
        o.path("nonzero_path_keys").forEach(x -> t.nonzeroPathKeys.add(x.asText()));
        o.path("nonzero_rescaling_classes").forEach(x -> t.nonzeroRescalingClasses.add(x.asText()));
        return t;
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
            long orbits = m.config.enumerator().burnside(t.rescalingClasses.keySet());
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

        static Config of(JsonNode o, Path f) {
            try {
                List<Integer> ls = new ArrayList<>();
                o.get("layers").forEach(x -> ls.add(x.asInt()));
                List<BigFraction> gs = new ArrayList<>();
                o.get("grid").forEach(x -> gs.add(Q.parse(x.asText())));
                return new Config(ls.stream().mapToInt(Integer::intValue).toArray(), gs.toArray(new BigFraction[0]),
                        o.get("bias").asBoolean(), o.get("permutations").asBoolean());
            } catch (RuntimeException e) {
                throw new InputError(f, null, "lacks layers/grid/bias/permutations", "give files written with --shard i/n");
            }
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
