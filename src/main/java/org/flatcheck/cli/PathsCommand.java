package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.Q;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import org.flatcheck.paths.BasisPaths;
import org.flatcheck.paths.Incidence;
import org.flatcheck.paths.PathEnumerator;
import org.flatcheck.paths.PathNorms;
import org.flatcheck.paths.Skeleton;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck paths}: path counts, values, path norms, the skeleton basis and exponents (docs/definitions.md §paths). */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = {"Paths, path values and path norms; with --basis the skeleton basis paths and the exponents "
            + "that express every path through them. Norms and the basis take O(P); listing paths is behind --limit."})
final class PathsCommand implements Callable<Integer> {
    /** Largest number of paths whose incidence rank is computed by elimination rather than by the theorem. */
    private static final int BAREISS_ROWS = 2_000;
    /** Above this many parameters the JSON is written compactly (it can reach hundreds of megabytes). */
    private static final int COMPACT_ABOVE = 10_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "FILE", description = "Network file.")
    Path net;

    @Option(names = "--basis", description = "Also the skeleton basis paths, their values and the exponents.")
    boolean basis;

    @Option(names = "--skeleton", defaultValue = "diagonal", paramLabel = "RULE",
            description = "Skeleton rule: diagonal (default; [M19]), first, or random:SEED.")
    String skeletonRule;

    @Option(names = "--limit", defaultValue = "10000", paramLabel = "K",
            description = "List paths (values, exponents) only if there are at most K (default ${DEFAULT-VALUE}).")
    long limit;

    @Option(names = "--enumerate", description = "Require the listing: exit 4 if there are more than --limit paths.")
    boolean enumerate;

    @Option(names = "--json", description = "JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must be non-negative, got " + limit);
        }
        Network network = NetworkJson.read(net);
        BigInteger weightPaths = PathEnumerator.count(network, false);
        BigInteger allPaths = PathEnumerator.count(network, true);
        boolean listed = allPaths.compareTo(BigInteger.valueOf(limit)) <= 0;
        if (enumerate && !listed) {
            throw new LimitExceeded("the network has " + allPaths + " paths (with biases), more than --limit " + limit
                    + "; raise --limit to list them, or drop --enumerate for norms and basis only");
        }
        Skeleton skeleton;
        try {
            skeleton = Skeleton.of(network, skeletonRule);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--skeleton: " + e.getMessage());
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("network", network.name());
        o.put("num_params", network.numParameters());
        o.put("num_weights", (int) network.edges().stream().filter(e -> !e.isBias()).count());
        o.put("num_hidden", network.numHidden());
        o.put("num_paths", weightPaths);
        o.put("num_paths_with_biases", allPaths);
        String l1 = Q.format(PathNorms.l1(network, false));
        String l2 = Q.format(PathNorms.l2Squared(network, false));
        boolean biases = network.hasBiases();
        o.put("path_norm_l1", l1);
        o.put("path_norm_l2_squared", l2);
        o.put("path_norm_l1_with_biases", biases ? Q.format(PathNorms.l1(network, true)) : l1);
        o.put("path_norm_l2_squared_with_biases", biases ? Q.format(PathNorms.l2Squared(network, true)) : l2);
        List<org.flatcheck.paths.Path> all = listed ? PathEnumerator.enumerate(network, true, limit) : List.of();
        incidence(network, all, listed, o);
        o.put("listed", listed);
        BasisPaths b = null;
        if (basis) {
            b = BasisPaths.of(network, skeleton);
            o.put("skeleton", skeleton.rule());
            o.put("num_basis_paths", b.size());
        }
        var out = spec.commandLine().getOut();
        if (json) {
            writeJson(out, network, o, listed ? all : null, b);
        } else {
            writeText(out, network, o, listed ? all : null, b);
        }
        out.flush();
        return ExitCode.OK;
    }

    /** Streams the report: the large parts (path values, basis, exponents) are never held as a JSON tree. */
    private static void writeJson(java.io.PrintWriter out, Network net, ObjectNode scalars,
            List<org.flatcheck.paths.Path> all, BasisPaths b) {
        try {
            com.fasterxml.jackson.core.JsonGenerator g = new com.fasterxml.jackson.databind.ObjectMapper().getFactory().createGenerator(out);
            if (net.numParameters() <= COMPACT_ABOVE) {
                g.useDefaultPrettyPrinter();
            }
            g.writeStartObject();
            var fields = scalars.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                g.writeFieldName(f.getKey());
                g.writeTree(f.getValue());
            }
            if (all != null) {
                for (boolean bias : new boolean[] {false, true}) {
                    g.writeObjectFieldStart(bias ? "bias_path_values" : "path_values");
                    for (org.flatcheck.paths.Path p : all) {
                        if (p.startsAtBias(net) == bias) {
                            g.writeStringField(p.key(net), Q.format(p.value(net)));
                        }
                    }
                    g.writeEndObject();
                }
            }
            if (b != null) {
                g.writeArrayFieldStart("basis");
                for (int i = 0; i < b.size(); i++) {
                    g.writeStartObject();
                    g.writeStringField("path", b.paths().get(i).key(net));
                    g.writeStringField("value", b.valueText(i));
                    g.writeEndObject();
                }
                g.writeEndArray();
                if (all != null) {
                    g.writeObjectFieldStart("exponents");
                    for (org.flatcheck.paths.Path p : all) {
                        g.writeObjectFieldStart(p.key(net));
                        for (Map.Entry<Integer, Integer> t : b.exponents(p).entrySet()) {
                            g.writeNumberField(Integer.toString(t.getKey()), t.getValue());
                        }
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Incidence ranks: by exact elimination when few paths are listed, otherwise by the theorem. */
    private static void incidence(Network net, List<org.flatcheck.paths.Path> all, boolean listed, ObjectNode o) {
        List<org.flatcheck.paths.Path> weightOnly = new ArrayList<>();
        for (org.flatcheck.paths.Path p : all) {
            if (!p.startsAtBias(net)) {
                weightOnly.add(p);
            }
        }
        if (listed && all.size() <= BAREISS_ROWS) {
            o.put("incidence_rank", Incidence.rank(net, weightOnly));
            o.put("incidence_rank_with_biases", Incidence.rank(net, all));
            o.put("incidence_rank_method", "exact rank of the listed incidence matrix (Bareiss)");
        } else {
            o.put("incidence_rank", Incidence.rankByTheorem(net, false));
            o.put("incidence_rank_with_biases", Incidence.rankByTheorem(net, true));
            o.put("incidence_rank_method", "effective edges minus effective hidden nodes, the size of the skeleton basis");
        }
    }

    private static void writeText(java.io.PrintWriter out, Network net, ObjectNode o,
            List<org.flatcheck.paths.Path> all, BasisPaths b) {
        o.fields().forEachRemaining(f -> out.printf("%-34s%s%n", f.getKey(), f.getValue().asText()));
        if (all == null) {
            out.println("paths not listed (more than --limit); norms and basis are computed without listing");
        } else {
            out.println("path values");
            for (org.flatcheck.paths.Path p : all) {
                out.println("  " + p.key(net) + "  " + Q.format(p.value(net)));
            }
        }
        if (b == null) {
            return;
        }
        out.println("basis paths (index, path, value)");
        for (int i = 0; i < b.size(); i++) {
            out.printf("  %4d  %s  %s%n", i, b.paths().get(i).key(net), b.valueText(i));
        }
        if (all != null) {
            out.println("exponents (path: basis index^exponent …)");
            for (org.flatcheck.paths.Path p : all) {
                StringBuilder row = new StringBuilder();
                b.exponents(p).forEach((k, v) -> row.append(' ').append(k).append('^').append(v));
                out.println("  " + p.key(net) + ":" + row);
            }
        }
    }
}
