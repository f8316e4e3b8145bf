package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.bounds.BoundOptions;
import org.flatcheck.bounds.BoundTerm;
import org.flatcheck.bounds.BoundValue;
import org.flatcheck.bounds.Bounds;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.InputError;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Network;
import org.flatcheck.report.AuditReport;
import org.flatcheck.symmetry.Symmetry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatcheck bounds}: the generalization-bound terms of docs/definitions.md §bounds, each with formula, citation, precision and verdicts. */
@Command(name = "bounds", mixinStandardHelpOptions = true,
        description = {"Generalization-bound terms from the literature at θ on the training data (docs/definitions.md §bounds): the path-norm "
            + "terms of Neyshabur et al. 2015 and Gonon et al. 2024, Bartlett et al.'s spectral complexity, Neyshabur et "
            + "al. 2018's spectral/Frobenius term and Jiang et al. 2020's PAC-Bayes measures. "
            + "Values are numeric (exact inputs, BigDecimal for sqrt/ln/exp) with their precision; each term states its "
            + "citation, the source of its constants and flatcheck's readings of it, and its declared invariance under node rescaling, layer scaling "
            + "and permutation (checked by flatcheck's property suite)."})
final class BoundsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "FILE", description = "Network file.")
    Path net;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Training set (n = its number of points).")
    Path data;

    @Option(names = "--delta", defaultValue = "0.05", paramLabel = "δ",
            description = "Confidence parameter δ in (0, 1), a decimal or p/q (default ${DEFAULT-VALUE}).")
    String delta;

    @Option(names = "--digits", defaultValue = "30", paramLabel = "K",
            description = "Significant digits of the numeric values, 1 to 1000 (default ${DEFAULT-VALUE}).")
    String digits;

    @Option(names = "--max-hessian-params", defaultValue = "3000", paramLabel = "P",
            description = "Skip the terms that need the exact Hessian (P² entries; Jiang et al.'s PAC-Bayes terms) above P "
                    + "parameters, reporting them as skipped (default ${DEFAULT-VALUE}).")
    int maxHessianParams;

    @Option(names = "--max-hessian-work", defaultValue = "" + HessianLimits.DEFAULT_MAX_WORK, paramLabel = "OPS",
            description = "Skip the terms that need the exact Hessian when it is estimated, from the sizes and bit lengths "
                + "of the network and data, to take more word operations (default ${DEFAULT-VALUE}).")
    long maxHessianWork;

    @Option(names = "--max-charpoly-work", defaultValue = "20000000000", paramLabel = "OPS",
            description = "Skip the terms that need exact spectral norms (B17, NBS18) when these are estimated, from the "
                + "sizes and bit lengths of the weight matrices, to take more word operations (default ${DEFAULT-VALUE}).")
    long maxCharpolyWork;

    @Option(names = "--json", description = "JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        BoundOptions options = BoundOptions.DEFAULTS.withDelta(parseDelta()).withDigits(parseDigits());
        Network network = NetworkJson.read(net);
        Dataset dataset = Datasets.readFor(network, net, data);
        if (maxHessianParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-hessian-params must be at least 1");
        }
        int p = network.numParameters();
        if (maxHessianWork < 1 || maxCharpolyWork < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-hessian-work and --max-charpoly-work must be at least 1");
        }
        long normWork = BoundTerm.spectralNormWork(network);
        String normSkip = normWork <= maxCharpolyWork ? null : "skipped: the exact spectral norms of the weight matrices need about "
                + org.flatcheck.exact.WorkCount.approx(normWork) + " word operations (from their sizes and bit lengths), "
                + "above --max-charpoly-work " + maxCharpolyWork + "; raise it to wait for them";
        String tooMuch = HessianLimits.refusal(network, dataset, maxHessianWork);
        String skipped = p > maxHessianParams ? "skipped: P = " + p + " parameters > --max-hessian-params " + maxHessianParams
                + " (the term needs the exact Hessian)" : "skipped: " + tooMuch;
        List<Row> rows = Bounds.builtIns().stream()
                .map(t -> t.needsHessian() && (p > maxHessianParams || tooMuch != null)
                        ? new Row(t, new BoundValue.Undefined(skipped), Map.of())
                        : t.needsSpectralNorms() && normSkip != null ? new Row(t, new BoundValue.Undefined(normSkip), Map.of())
                        : new Row(t, t.compute(network, dataset, options), t.exactInputs(network, dataset, options))).toList();
        var out = spec.commandLine().getOut();
        out.print(json ? Json.pretty(json(rows, options)) : text(rows, options));
        out.flush();
        return ExitCode.OK;
    }

    private record Row(BoundTerm term, BoundValue value, Map<String, Value> exactInputs) {
    }

    private BigFraction parseDelta() {
        BigFraction d;
        try {
            d = Q.parse(delta);
        } catch (NumberFormatException e) {
            throw new InputError("--delta", null, "'" + delta + "' is not a number",
                    "give δ as a decimal or p/q strictly between 0 and 1, e.g. --delta 0.05");
        }
        if (d.compareTo(BigFraction.ZERO) <= 0 || d.compareTo(BigFraction.ONE) >= 0) {
            throw new InputError("--delta", null, delta + " is outside (0, 1)",
                    "give δ strictly between 0 and 1, e.g. --delta 0.05");
        }
        return d;
    }

    private int parseDigits() {
        try {
            int k = Integer.parseInt(digits.strip());
            if (k >= 1 && k <= 1000) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputError("--digits", null, "'" + digits + "' is not a whole number from 1 to 1000",
                "e.g. --digits 30");
    }

    private static String verdict(BoundTerm t, Symmetry s) {
        return switch (t.verdict(s)) {
            case INVARIANT -> "invariant";
            case NOT_INVARIANT -> "NOT invariant";
        };
    }

    /** An exact input: {@code p/q}, or for a numeric measure its exact rational with a decimal. */
    private static String exact(Value v) {
        return v instanceof Value.Numeric n ? Q.format(n.value()) + "  ≈ " + Q.approx(n.value(), 12) : v.describe();
    }

    static String text(List<Row> rows, BoundOptions options) {
        StringBuilder sb = new StringBuilder();
        sb.append("δ = ").append(Q.format(options.delta())).append(", values to ").append(options.digits())
                .append(" significant digits (numeric: exact inputs, sqrt/ln/exp in BigDecimal)\n\n");
        sb.append(String.format("%-28s %-15s%-15s%s%n", "term", "node rescale", "layer scale", "permutation"));
        for (Row r : rows) {
            BoundTerm t = r.term();
            sb.append(String.format("%-28s %-15s%-15s%s%n", t.id(), verdict(t, Symmetry.NODE_RESCALING),
                    verdict(t, Symmetry.LAYER_SCALING), verdict(t, Symmetry.PERMUTATION)));
            sb.append("    value:    ").append(r.value().describe()).append('\n');
            r.exactInputs().forEach((k, v) -> sb.append("    exact:    ").append(k).append(" = ").append(exact(v)).append('\n'));
            sb.append("    formula:  ").append(t.formula()).append('\n');
            sb.append("    citation: ").append(t.citation()).append('\n');
            sb.append("    biases:   ").append(t.biases()).append('\n');
            sb.append("    source:   ").append(t.sourceNote()).append("\n\n");
        }
        return sb.toString();
    }

    static ObjectNode json(List<Row> rows, BoundOptions options) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var arr = root.putArray("bounds");
        for (Row r : rows) {
            BoundTerm t = r.term();
            ObjectNode o = arr.addObject();
            o.put("id", t.id());
            ObjectNode v = o.putObject("value");
            if (r.value() instanceof BoundValue.Numeric n) {
                v.put("numeric", n.text());
                v.put("precision", n.precision());
            } else {
                v.put("undefined", ((BoundValue.Undefined) r.value()).reason());
            }
            ObjectNode verdicts = o.putObject("verdicts");
            for (Symmetry s : Symmetry.values()) {
                verdicts.put(s.key(), t.verdict(s).name());
            }
            o.put("formula", t.formula());
            o.put("citation", t.citation());
            o.put("biases", t.biases());
            o.put("source_note", t.sourceNote());
            ObjectNode inputs = o.putObject("exact_inputs");
            r.exactInputs().forEach((k, x) -> inputs.set(k, AuditReport.value(x)));
        }
        root.put("delta", Q.format(options.delta()));
        root.put("digits", options.digits());
        return root;
    }
}
