package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;
import static org.flatcheck.claims.verify.Recomputation.one;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the quantities of a network's paths and counts (docs/certificates.md §4):
 * {@code path_value}, {@code incidence_rank}, {@code paths_rank}, {@code count}, and {@code psi_trace}, whose
 * section is stated by basis paths ({@link PsiCheck}). Paths are the checker's own enumeration and ranks its
 * own elimination ({@link IndependentEvaluator}).
 */
final class PathQuantities {
    private PathQuantities() {
    }

    /** v(path): the product of the weights along the path. */
    static BigFraction[] pathValue(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        return one(IndependentEvaluator.pathValue(n, r.reader().pathNodes(n, q.get("path"), path + ".path")));
    }

    /** The rank of the incidence matrix of every path from an input (and from the bias source with {@code biases}). */
    static BigFraction[] incidenceRank(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        return one(rank(n, CheckerPaths.paths(n, q.path("biases").asBoolean(false))));
    }

    /** The rank of the incidence rows of the listed paths. */
    static BigFraction[] pathsRank(Recomputation r, JsonNode q, String path) {
        JsonInput in = r.reader().input();
        Network n = r.reader().net(q, path, "net");
        List<JsonNode> ps = in.array(in.required(q, path, "paths", FIX), path + ".paths", FIX);
        List<int[]> paths = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            paths.add(r.reader().pathNodes(n, ps.get(i), path + ".paths[" + i + "]"));
        }
        return one(rank(n, paths));
    }

    /** The number of parameters, weights (non-bias edges), hidden nodes or paths (from inputs). */
    static BigFraction[] count(Recomputation r, JsonNode q, String path) {
        JsonInput in = r.reader().input();
        Network n = r.reader().net(q, path, "net");
        String what = in.string(in.required(q, path, "what", FIX), path + ".what", FIX);
        CountKind kind = CountKind.fromWire(what)
                .orElseThrow(() -> in.error(path + ".what", "is \"" + what + "\"", "count parameters, weights, hidden or paths"));
        long count = switch (kind) {
            case PARAMETERS -> n.numParameters();
            case WEIGHTS -> n.edges().stream().filter(e -> !e.isBias()).count();
            case HIDDEN -> n.numHidden();
            case PATHS -> CheckerPaths.paths(n, false).size();
        };
        return one(Q.of(count));
    }

    /** Yi et al.'s PSI-flatness trace under the section the quantity states. */
    static BigFraction[] psiTrace(Recomputation r, JsonNode q, String path) {
        return one(PsiCheck.trace(r.reader(), q, path));
    }

    /** The rank over ℚ of the path–edge incidence matrix of {@code paths} (a 1 where a path uses an edge). */
    private static BigFraction rank(Network n, List<int[]> paths) {
        BigFraction[][] m = new BigFraction[paths.size()][n.numParameters()];
        for (int i = 0; i < m.length; i++) {
            Arrays.fill(m[i], BigFraction.ZERO);
            int[] p = paths.get(i);
            for (int j = 0; j + 1 < p.length; j++) {
                m[i][IndependentEvaluator.edgeIndex(n, p[j], p[j + 1])] = BigFraction.ONE;
            }
        }
        return Q.of(IndependentEvaluator.rank(m));
    }
}
