package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The table of {@code flatcheck prove}: one row per claim with its kind, source, verdict, number of checks and
 * certificate file, as text, JSON, Markdown or LaTeX.
 */
public final class ProveReport {
    private static final String NL = System.lineSeparator();

    private ProveReport() {
    }

    /** One claim's outcome; {@code kind} and {@code verdict} as in its certificate. */
    public record Row(String id, String kind, String source, String verdict, String certificate, int checks) {
    }

    /** {@code {"claims": [{id, kind, source, verdict, certificate, checks}, …]}}. */
    public static ObjectNode json(List<Row> rows) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("claims");
        for (Row r : rows) {
            ObjectNode row = a.addObject();
            row.put("id", r.id());
            row.put("kind", r.kind());
            row.put("source", r.source());
            row.put("verdict", r.verdict());
            row.put("certificate", r.certificate());
            row.put("checks", r.checks());
        }
        return o;
    }

    /** A Markdown table. */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| claim | kind | source | verdict | checks | certificate |" + NL + "|---|---|---|---|---|---|" + NL);
        rows.forEach(r -> sb.append("| `").append(r.id()).append("` | ").append(r.kind()).append(" | ").append(r.source())
                .append(" | ").append(r.verdict()).append(" | ").append(r.checks()).append(" | ").append(r.certificate())
                .append(" |").append(NL));
        return sb.toString();
    }

    /** A booktabs table of the claims (ASCII only, so that pdflatex compiles it). */
    public static String latex(List<Row> rows) {
        StringBuilder sb = new StringBuilder("% flatcheck prove; needs \\usepackage{booktabs}\n\\begin{tabular}{llllr}\n\\toprule\n"
                + "claim & kind & source & verdict & checks \\\\\n\\midrule\n");
        for (Row r : rows) {
            sb.append("\\texttt{").append(r.id()).append("} & ").append(r.kind()).append(" & ")
                    .append(AuditReport.tex(r.source())).append(" & ").append(AuditReport.tex(r.verdict()))
                    .append(" & ").append(r.checks()).append(" \\\\\n");
        }
        return sb.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    /** One line per claim: id, kind, verdict, checks and certificate in columns. */
    public static String text(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.id().length()).max().orElse(5);
        StringBuilder sb = new StringBuilder();
        rows.forEach(r -> sb.append(String.format("%-" + width + "s  %-9s  %-13s %4d checks  %s", r.id(), r.kind(), r.verdict(),
                r.checks(), r.certificate())).append(NL));
        return sb.toString();
    }
}
