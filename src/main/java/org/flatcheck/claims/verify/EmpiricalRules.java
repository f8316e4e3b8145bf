package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CheckKind.SIGN_TEST;
import static org.flatcheck.claims.verify.Evidence.checkKind;
import static org.flatcheck.claims.verify.Evidence.hasFactor;
import static org.flatcheck.claims.verify.Evidence.isConstant;
import static org.flatcheck.claims.verify.Evidence.isRelation;
import static org.flatcheck.claims.verify.Evidence.kind;
import static org.flatcheck.claims.verify.Evidence.op;
import static org.flatcheck.claims.verify.Evidence.q;
import static org.flatcheck.claims.verify.QuantityKind.ADAPTIVE_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.GRADIENT_NORM_SQUARED;
import static org.flatcheck.claims.verify.QuantityKind.HESSIAN_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.PSI_TRACE;
import static org.flatcheck.claims.verify.RelationOp.LE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * The evidence rule of the empirical claim (docs/certificates.md §5): Keskar et al.'s large-batch
 * sharpness, decided by three sign tests whose every end point is shown stationary.
 */
final class EmpiricalRules {
    private static final List<String> EMPIRICAL_MEASURES = List.of(HESSIAN_TRACE.wire(), ADAPTIVE_TRACE.wire(), PSI_TRACE.wire());
    private static final Map<String, BigFraction> STATIONARY = Map.of(
            "synthetic", Q.of(1, 1_000_000), "iris", Q.of(1, 10_000));

    private EmpiricalRules() {
    }

    /**
     * Keskar et al., empirical: the three sign tests (Hessian trace first, then the adaptive and PSI traces, the
     * PSI trace on the diagonal skeleton), and for every network in a pair its stationarity, exact ‖∇L‖² at most
     * the threshold of the pair's task.
     */
    static void keskar(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        List<Integer> tests = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (checkKind(checks.get(i)) == SIGN_TEST) {
                tests.add(i);
            }
        }
        List<String> measures = tests.stream().map(i -> checks.get(i).path("measure").asText()).toList();
        if (!measures.equals(EMPIRICAL_MEASURES)) {
            ev.fail("the claim's sign tests are " + EMPIRICAL_MEASURES + ", in that order; the certificate has " + measures);
            return;
        }
        for (int i : tests) {
            ev.use(i);
            JsonNode pairs = checks.get(i).path("pairs");
            for (int k = 0; k < pairs.size(); k++) {
                JsonNode p = pairs.get(k);
                String task = p.path("task").asText();
                BigFraction threshold = STATIONARY.get(task);
                for (String side : List.of("large", "small")) {
                    JsonNode q = p.get(side);
                    if (threshold == null || !q.path("data").asText().equals(task)
                            || kind(q) == PSI_TRACE && !q.path("skeleton").asText().equals("diagonal")) {
                        ev.fail("checks[" + i + "].pairs[" + k + "]: a pair of task " + task + " on its own dataset (tasks: "
                                + new TreeSet<>(STATIONARY.keySet()) + "; PSI on the diagonal skeleton)");
                        continue;
                    }
                    String net = q.path("net").asText();
                    int stationary = ev.find(c -> isRelation(c) && q(c, "lhs") == GRADIENT_NORM_SQUARED && !hasFactor(c)
                            && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(task)
                            && op(c) == LE && isConstant(c.get("rhs"), false)
                            && Evidence.constantIs(c.get("rhs"), threshold));
                    if (stationary < 0) {
                        ev.fail("checks[" + i + "].pairs[" + k + "]: " + net + " needs its stationarity check, exact ‖∇L‖² ≤ "
                                + Q.format(threshold));
                        continue;
                    }
                    ev.use(stationary);
                }
            }
        }
    }
}
