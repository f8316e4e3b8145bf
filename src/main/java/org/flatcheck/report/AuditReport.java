package org.flatcheck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.flatcheck.exact.Q;
import org.flatcheck.invariance.Audit;
import org.flatcheck.invariance.Counterexample;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.symmetry.GroupElementJson;
import org.flatcheck.symmetry.Symmetry;

/**
 * Renders an audit as JSON (the pinned contract:
 * {@code {"measures":[{"id","value","verdicts","counterexample","citation"}]}}), Markdown or text.
 */
public final class AuditReport {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditReport() {
    }

    /**
     * A value as JSON: {@code {"exact": "p/q"}}, {@code {"lo", "hi"}} (with {@code "note"} when the ends
     * come from bounds), {@code {"unbounded": true, "proof"}}, {@code {"undefined": reason}}, or
     * {@code {"numeric": decimal, "value": "p/q", "precision"}} for numeric measures.
     */
    public static ObjectNode value(Value v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (v instanceof Value.Exact e) {
            o.put("exact", Q.format(e.value()));
        } else if (v instanceof Value.Certified c) {
            o.put("lo", Q.format(c.interval().lo()));
            o.put("hi", Q.format(c.interval().hi()));
            if (c.note() != null) {
                o.put("note", c.note());
            }
            if (!c.witness().isEmpty()) {
                var w = o.putArray("witness");
                for (var x : c.witness()) {
                    w.add(Q.format(x));
                }
            }
        } else if (v instanceof Value.Numeric n) {
            o.put("numeric", Q.approx(n.value(), 16));
            o.put("value", Q.format(n.value()));
            o.put("precision", n.precision());
        } else if (v instanceof Value.Unbounded u) {
            o.put("unbounded", true);
            o.put("proof", u.proof());
        } else {
            o.put("undefined", ((Value.Undefined) v).reason());
        }
        return o;
    }

    public static ObjectNode json(List<Audit.Entry> entries) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        var arr = root.putArray("measures");
        for (Audit.Entry e : entries) {
            ObjectNode m = arr.addObject();
            m.put("id", e.measure().id());
            m.put("formula", e.measure().metadata().formula());
            m.set("value", value(e.value()));
            ObjectNode verdicts = m.putObject("verdicts");
            ObjectNode tries = m.putObject("tries");
            ObjectNode open = m.putObject("inconclusive_tries");
            for (Symmetry s : Symmetry.values()) {
                verdicts.put(s.key(), e.verdicts().get(s).name());
                tries.put(s.key(), e.tries().get(s));
                open.put(s.key(), e.inconclusive().get(s));
            }
            if (e.counterexamples().isEmpty()) {
                m.putNull("counterexample");
            } else {
                ObjectNode c = m.putObject("counterexample");
                e.counterexamples().forEach((s, x) -> c.set(s.key(), counterexample(x)));
            }
            if (!e.problems().isEmpty()) {
                ObjectNode p = m.putObject("refuted_declarations");
                e.problems().forEach((s, text) -> p.put(s.key(), text));
            }
            if (!e.perLayer().isEmpty()) {
                ObjectNode p = m.putObject("per_layer");
                e.perLayer().forEach((k, v) -> p.set(k, value(v)));
            }
            m.put("citation", e.measure().metadata().citation());
        }
        return root;
    }

    static ObjectNode counterexample(Counterexample c) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("network", tree(NetworkJson.toJson(c.net())));
        if (c.data() != null) {
            o.set("data", tree(DatasetJson.toJson(c.data())));
        }
        o.set("group_element", GroupElementJson.of(c.element(), c.net()));
        o.set("value_before", value(c.before()));
        o.set("value_after", value(c.after()));
        return o;
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Markdown table ready to paste: measure, value, the three verdicts, counterexample, citation. */
    public static String markdown(List<Audit.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append("| measure | value | ");
        for (Symmetry s : Symmetry.values()) {
            sb.append(s.title()).append(" | ");
        }
        sb.append("smallest counterexample | source |\n|---|---|").append("---|".repeat(Symmetry.values().length)).append("---|---|\n");
        for (Audit.Entry e : entries) {
            sb.append("| `").append(e.measure().id()).append("` | ").append(escape(e.value().describe()));
            if (!e.perLayer().isEmpty()) {
                sb.append(" (per layer: ").append(escape(perLayer(e))).append(')');
            }
            sb.append(" | ");
            for (Symmetry s : Symmetry.values()) {
                sb.append(verdict(e, s)).append(" | ");
            }
            sb.append(escape(shortCounterexample(e))).append(" | ").append(escape(e.measure().metadata().citation())).append(" |\n");
        }
        return sb.toString();
    }

    /**
     * A LaTeX {@code table} (booktabs) ready to paste into a paper: measure, value, a ✓/✗ per symmetry
     * (amssymb's {@code \checkmark} and {@code \times}), source; counterexamples go in the JSON and
     * Markdown forms, which have room for them.
     */
    public static String latex(List<Audit.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append("% flatcheck audit; needs \\usepackage{booktabs,amssymb}\n");
        sb.append("\\begin{table}[t]\n\\centering\n\\small\n");
        sb.append("\\begin{tabular}{ll").append("c".repeat(Symmetry.values().length)).append("l}\n\\toprule\nmeasure & value");
        for (Symmetry s : Symmetry.values()) {
            sb.append(" & ").append(s.abbreviation());
        }
        sb.append(" & source \\\\\n\\midrule\n");
        for (Audit.Entry e : entries) {
            sb.append("\\texttt{").append(tex(e.measure().id())).append("} & ").append(tex(e.value().describe()));
            for (Symmetry s : Symmetry.values()) {
                sb.append(" & ").append(e.verdicts().get(s) == Verdict.INVARIANT ? "$\\checkmark$" : "$\\times$");
            }
            sb.append(" & ").append(tex(e.measure().metadata().citation())).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        List<String> groups = java.util.Arrays.stream(Symmetry.values()).map(Symmetry::title).toList();
        sb.append("\\caption{Invariance of flatness measures under ")
                .append(String.join(", ", groups.subList(0, groups.size() - 1))).append(" and ").append(groups.get(groups.size() - 1))
                .append(" of hidden units ($\\checkmark$ invariant, $\\times$ not: an exact counterexample exists), checked with flatcheck.}\n");
        sb.append("\\end{table}\n");
        return sb.toString();
    }

    private static final java.util.Map<Character, String> TEX_SYMBOLS = java.util.Map.ofEntries(
            java.util.Map.entry('∈', "$\\in$"), java.util.Map.entry('≈', "$\\approx$"), java.util.Map.entry('∞', "$\\infty$"),
            java.util.Map.entry('|', "$|$"), java.util.Map.entry('§', "\\S{}"), java.util.Map.entry('–', "--"),
            java.util.Map.entry('—', "---"), java.util.Map.entry('θ', "$\\theta$"), java.util.Map.entry('η', "$\\eta$"),
            java.util.Map.entry('ε', "$\\varepsilon$"), java.util.Map.entry('ρ', "$\\rho$"), java.util.Map.entry('λ', "$\\lambda$"),
            java.util.Map.entry('α', "$\\alpha$"), java.util.Map.entry('σ', "$\\sigma$"), java.util.Map.entry('κ', "$\\kappa$"),
            java.util.Map.entry('φ', "$\\varphi$"), java.util.Map.entry('∇', "$\\nabla$"), java.util.Map.entry('√', "$\\surd$"),
            java.util.Map.entry('‖', "$\\|$"), java.util.Map.entry('·', "$\\cdot$"), java.util.Map.entry('…', "\\dots{}"),
            java.util.Map.entry('→', "$\\to$"), java.util.Map.entry('≤', "$\\le$"), java.util.Map.entry('≥', "$\\ge$"),
            java.util.Map.entry('×', "$\\times$"), java.util.Map.entry('²', "$^2$"), java.util.Map.entry('₁', "$_1$"),
            java.util.Map.entry('₂', "$_2$"), java.util.Map.entry('⁻', "$^-$"), java.util.Map.entry('¹', "$^1$"),
            java.util.Map.entry('−', "$-$"), java.util.Map.entry('é', "\\'e"), java.util.Map.entry('ö', "\\\"o"),
            java.util.Map.entry('\u0303', "\\~{}"), java.util.Map.entry('ξ', "$\\xi$"), java.util.Map.entry('δ', "$\\delta$"),
            java.util.Map.entry('↦', "$\\mapsto$"), java.util.Map.entry('⊙', "$\\odot$"), java.util.Map.entry('∘', "$\\circ$"),
            java.util.Map.entry('⁺', "$^+$"), java.util.Map.entry('Σ', "$\\Sigma$"), java.util.Map.entry('∂', "$\\partial$"),
            java.util.Map.entry('ₖ', "$_k$"), java.util.Map.entry('ᵢ', "$_i$"), java.util.Map.entry('ₚ', "$_p$"),
            java.util.Map.entry('ᵀ', "$^T$"), java.util.Map.entry('⁴', "$^4$"), java.util.Map.entry('≠', "$\\ne$"));

    /**
     * Escapes LaTeX's special characters and writes the Greek letters and symbols flatcheck's values and
     * citations use as math, so that the table compiles with pdflatex; other non-ASCII characters are kept.
     */
    public static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            String sym = TEX_SYMBOLS.get(ch);
            if (sym != null) {
                sb.append(sym);
                continue;
            }
            switch (ch) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(ch);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * Plain text for the terminal: one row per measure, aligned, without trailing spaces. A value too long
     * for its column is never cut (a cut number reads as another number, a cut reason hides the reason): the
     * row says "(below)" and the value follows in full on a line of its own.
     */
    public static String text(List<Audit.Entry> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append(row("measure", "value", java.util.Arrays.stream(Symmetry.values()).map(Symmetry::column).toList()));
        for (Audit.Entry e : entries) {
            String v = e.value().describe();
            boolean fits = v.length() <= 30;
            sb.append(row(e.measure().id(), fits ? v : "(below)",
                    java.util.Arrays.stream(Symmetry.values()).map(s -> verdict(e, s)).toList()));
            if (!fits) {
                sb.append("    value: ").append(v).append('\n');
            }
            String c = shortCounterexample(e);
            if (!c.isEmpty()) {
                sb.append("    counterexample: ").append(c).append('\n');
            }
            if (!e.perLayer().isEmpty()) {
                sb.append("    per layer: ").append(perLayer(e)).append('\n');
            }
            e.problems().forEach((s, p) -> sb.append("    ! ").append(s.key()).append(": ").append(p).append('\n'));
        }
        return sb.toString();
    }

    private static String row(String id, String value, List<String> verdicts) {
        StringBuilder sb = new StringBuilder(String.format("%-37s %-30s", id, value));
        for (String v : verdicts) {
            sb.append(String.format(" %-14s", v));
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private static String perLayer(Audit.Entry e) {
        StringBuilder sb = new StringBuilder();
        e.perLayer().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "; ").append(k).append(" = ").append(v.describe()));
        return sb.toString();
    }

    private static String verdict(Audit.Entry e, Symmetry s) {
        return e.verdicts().get(s) == Verdict.INVARIANT ? "invariant" : "NOT invariant";
    }

    private static String shortCounterexample(Audit.Entry e) {
        for (Map.Entry<Symmetry, Counterexample> x : e.counterexamples().entrySet()) {
            Counterexample c = x.getValue();
            String shape = c.net().layers().map(java.util.Arrays::toString).orElse(c.net().numHidden() + " hidden");
            return shape + ", " + c.element().describe(c.net()) + ": " + c.before().describe() + " → " + c.after().describe();
        }
        return "";
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
