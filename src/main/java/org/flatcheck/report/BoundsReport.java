package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.flatcheck.bounds.BoundOptions;
import org.flatcheck.bounds.BoundTerm;
import org.flatcheck.bounds.BoundValue;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Value;
import org.flatcheck.symmetry.Symmetry;

/**
 * The report of {@code flatcheck bounds}, as text or JSON: each generalization-bound term with its value (or
 * why it has none), its exact inputs, its verdict under each symmetry, formula, citation, treatment of biases
 * and the source of its constants.
 */
public final class BoundsReport {
    private BoundsReport() {
    }

    /** One term: its value, and the exact quantities the value was computed from (by name). */
    public record Row(BoundTerm term, BoundValue value, Map<String, Value> exactInputs) {
    }

    /** One line: the id, then a 15-wide column per symmetry (the last unpadded). */
    private static String row(String id, List<String> columns) {
        StringBuilder sb = new StringBuilder(String.format("%-28s ", id));
        for (int k = 0; k < columns.size(); k++) {
            sb.append(k < columns.size() - 1 ? String.format("%-15s", columns.get(k)) : columns.get(k));
        }
        return sb.append('\n').toString();
    }

    /** The text report. */
    public static String text(List<Row> rows, BoundOptions options) {
        StringBuilder sb = new StringBuilder();
        sb.append("δ = ").append(Q.format(options.delta())).append(", values to ").append(options.digits())
                .append(" significant digits (numeric: exact inputs, sqrt/ln/exp in BigDecimal)\n\n");
        sb.append(row("term", java.util.Arrays.stream(Symmetry.values()).map(Symmetry::column).toList()));
        for (Row r : rows) {
            BoundTerm t = r.term();
            sb.append(row(t.id(), java.util.Arrays.stream(Symmetry.values()).map(s -> verdict(t, s)).toList()));
            sb.append("    value:    ").append(r.value().describe()).append('\n');
            r.exactInputs().forEach((k, v) -> sb.append("    exact:    ").append(k).append(" = ").append(exact(v)).append('\n'));
            sb.append("    formula:  ").append(t.formula()).append('\n');
            sb.append("    citation: ").append(t.citation()).append('\n');
            sb.append("    biases:   ").append(t.biases()).append('\n');
            sb.append("    source:   ").append(t.sourceNote()).append("\n\n");
        }
        return sb.toString();
    }

    /** The JSON report. */
    public static ObjectNode json(List<Row> rows, BoundOptions options) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = root.putArray("bounds");
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
}
