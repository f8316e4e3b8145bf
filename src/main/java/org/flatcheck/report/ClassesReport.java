package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.flatcheck.exact.Q;
import org.flatcheck.io.ClassShards.Enumeration;
import org.flatcheck.symmetry.ClassCount;

/**
 * The report of {@code flatcheck classes}, as text or JSON: what was enumerated, the number of networks and
 * of classes, the histogram of class sizes and the cross-checks ({@link ClassCount}).
 */
public final class ClassesReport {
    private ClassesReport() {
    }

    /** The JSON report. */
    public static ObjectNode json(Enumeration e, ClassCount c) {
        ObjectNode o = e.json();
        o.remove("flatcheck_classes");
        o.put("networks", c.networks());
        o.put("classes", c.classes());
        ObjectNode hist = o.putObject("class_size_histogram");
        c.histogram().forEach((size, count) -> hist.put(Long.toString(size), count));
        ObjectNode checks = o.putObject("cross_checks");
        checks.put("nonzero_rescaling_classes", c.nonzeroRescalingClasses());
        checks.put("nonzero_distinct_sign_and_path_values", c.nonzeroSignAndPathValues());
        checks.put("nonzero_agree", c.nonzeroAgree());
        if (c.permutations()) {
            o.put("rescaling_classes", c.rescalingClasses());
            checks.put("burnside_orbits", c.burnsideOrbits());
            checks.put("burnside_agree", c.burnsideAgree());
        }
        return o;
    }

    /** The text report. */
    public static String text(Enumeration e, ClassCount c) {
        StringBuilder sb = new StringBuilder();
        sb.append("layers ").append(Arrays.stream(e.layers()).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]")))
                .append(", grid ").append(Arrays.stream(e.grid()).map(x -> "\"" + Q.format(x) + "\"")
                        .collect(Collectors.joining(",", "[", "]")))
                .append(e.bias() ? ", with biases" : "").append(", under ")
                .append(e.permutations() ? "rescaling and permutation" : "rescaling").append('\n');
        sb.append("networks  ").append(c.networks()).append('\n');
        sb.append("classes   ").append(c.classes()).append('\n');
        sb.append("class sizes (size: number of classes)\n");
        c.histogram().forEach((size, count) -> sb.append(String.format("  %6s: %s%n", size, count)));
        sb.append("cross-check, all-nonzero networks: ").append(c.nonzeroRescalingClasses())
                .append(" classes vs ").append(c.nonzeroSignAndPathValues())
                .append(" distinct (sign pattern, path values): ").append(c.nonzeroAgree() ? "agree" : "DISAGREE")
                .append('\n');
        if (c.permutations()) {
            sb.append("cross-check, Burnside over ").append(c.rescalingClasses()).append(" rescaling classes: ")
                    .append(c.burnsideOrbits()).append(" orbits: ")
                    .append(c.burnsideAgree() ? "agree" : "DISAGREE").append('\n');
        }
        return sb.toString();
    }
}
