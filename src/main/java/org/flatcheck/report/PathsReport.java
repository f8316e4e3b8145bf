package org.flatcheck.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.paths.BasisPaths;
import org.flatcheck.paths.Incidence;
import org.flatcheck.paths.Path;
import org.flatcheck.paths.PathEnumerator;
import org.flatcheck.paths.PathNorms;
import org.flatcheck.paths.Skeleton;

/**
 * The report of {@code flatcheck paths} (docs/definitions.md §paths): path counts, path norms, incidence ranks,
 * and optionally every path's value, the skeleton basis paths and the exponents that express every path
 * through them. Rendered as text or as JSON streamed to the output, so that the large parts are never held
 * as a JSON tree.
 */
public final class PathsReport {
    /** Largest number of paths whose incidence rank is computed by elimination rather than by the theorem. */
    private static final int BAREISS_ROWS = 2_000;
    /** Above this many parameters the JSON is written compactly (it can reach hundreds of megabytes). */
    private static final int COMPACT_ABOVE = 10_000;

    private final Network net;
    private final ObjectNode scalars;
    private final List<Path> all;
    private final BasisPaths basis;

    private PathsReport(Network net, ObjectNode scalars, List<Path> all, BasisPaths basis) {
        this.net = net;
        this.scalars = scalars;
        this.all = all;
        this.basis = basis;
    }

    /**
     * The report of {@code net}: paths are listed (with biases) if there are at most {@code limit}; the basis
     * of {@code skeleton} is included unless it is null.
     */
    public static PathsReport of(Network net, long limit, Skeleton skeleton) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("network", net.name());
        o.put("num_params", net.numParameters());
        o.put("num_weights", (int) net.edges().stream().filter(e -> !e.isBias()).count());
        o.put("num_hidden", net.numHidden());
        o.put("num_paths", PathEnumerator.count(net, false));
        java.math.BigInteger allPaths = PathEnumerator.count(net, true);
        o.put("num_paths_with_biases", allPaths);
        String l1 = Q.format(PathNorms.l1(net, false));
        String l2 = Q.format(PathNorms.l2Squared(net, false));
        boolean biases = net.hasBiases();
        o.put("path_norm_l1", l1);
        o.put("path_norm_l2_squared", l2);
        o.put("path_norm_l1_with_biases", biases ? Q.format(PathNorms.l1(net, true)) : l1);
        o.put("path_norm_l2_squared_with_biases", biases ? Q.format(PathNorms.l2Squared(net, true)) : l2);
        boolean listed = allPaths.compareTo(java.math.BigInteger.valueOf(limit)) <= 0;
        List<Path> all = listed ? PathEnumerator.enumerate(net, true, limit) : List.of();
        incidence(net, all, listed, o);
        o.put("listed", listed);
        BasisPaths b = null;
        if (skeleton != null) {
            b = BasisPaths.of(net, skeleton);
            o.put("skeleton", skeleton.rule());
            o.put("num_basis_paths", b.size());
        }
        return new PathsReport(net, o, listed ? all : null, b);
    }

    /** Incidence ranks: by exact elimination when few paths are listed, otherwise by the theorem. */
    private static void incidence(Network net, List<Path> all, boolean listed, ObjectNode o) {
        List<Path> weightOnly = new ArrayList<>();
        for (Path p : all) {
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

    /** Streams the JSON report to {@code out}, pretty-printed up to 10000 parameters, compact above. */
    public void writeJson(PrintWriter out) {
        try {
            JsonGenerator g = new ObjectMapper().getFactory().createGenerator(out);
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
                    for (Path p : all) {
                        if (p.startsAtBias(net) == bias) {
                            g.writeStringField(p.key(net), Q.format(p.value(net)));
                        }
                    }
                    g.writeEndObject();
                }
            }
            if (basis != null) {
                writeBasis(g);
            }
            g.writeEndObject();
            g.flush();
            out.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeBasis(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("basis");
        for (int i = 0; i < basis.size(); i++) {
            g.writeStartObject();
            g.writeStringField("path", basis.paths().get(i).key(net));
            g.writeStringField("value", basis.valueText(i));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (all != null) {
            g.writeObjectFieldStart("exponents");
            for (Path p : all) {
                g.writeObjectFieldStart(p.key(net));
                for (Map.Entry<Integer, Integer> t : basis.exponents(p).entrySet()) {
                    g.writeNumberField(Integer.toString(t.getKey()), t.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    /** Writes the text report to {@code out}. */
    public void writeText(PrintWriter out) {
        scalars.fields().forEachRemaining(f -> out.printf("%-34s%s%n", f.getKey(), f.getValue().asText()));
        if (all == null) {
            out.println("paths not listed (more than --limit); norms and basis are computed without listing");
        } else {
            out.println("path values");
            for (Path p : all) {
                out.println("  " + p.key(net) + "  " + Q.format(p.value(net)));
            }
        }
        if (basis == null) {
            return;
        }
        out.println("basis paths (index, path, value)");
        for (int i = 0; i < basis.size(); i++) {
            out.printf("  %4d  %s  %s%n", i, basis.paths().get(i).key(net), basis.valueText(i));
        }
        if (all != null) {
            out.println("exponents (path: basis index^exponent …)");
            for (Path p : all) {
                StringBuilder row = new StringBuilder();
                basis.exponents(p).forEach((k, v) -> row.append(' ').append(k).append('^').append(v));
                out.println("  " + p.key(net) + ":" + row);
            }
        }
    }
}
