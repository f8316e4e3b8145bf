package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CheckKind.EXPONENT_IDENTITY;
import static org.flatcheck.claims.verify.CheckKind.SAME_PATH_VALUES;
import static org.flatcheck.claims.verify.Evidence.checkKind;
import static org.flatcheck.claims.verify.Evidence.hasFactor;
import static org.flatcheck.claims.verify.Evidence.isConstant;
import static org.flatcheck.claims.verify.Evidence.isRelation;
import static org.flatcheck.claims.verify.Evidence.kind;
import static org.flatcheck.claims.verify.Evidence.op;
import static org.flatcheck.claims.verify.Evidence.pathSet;
import static org.flatcheck.claims.verify.Evidence.q;
import static org.flatcheck.claims.verify.Evidence.value;
import static org.flatcheck.claims.verify.QuantityKind.COUNT;
import static org.flatcheck.claims.verify.QuantityKind.INCIDENCE_RANK;
import static org.flatcheck.claims.verify.QuantityKind.OUTPUT;
import static org.flatcheck.claims.verify.QuantityKind.PATHS_RANK;
import static org.flatcheck.claims.verify.QuantityKind.PSI_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.SUM;
import static org.flatcheck.claims.verify.RelationOp.EQ;
import static org.flatcheck.claims.verify.RelationOp.NE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The evidence rules of the claims about paths (docs/certificates.md §5): Meng et al.'s basis paths
 * (rank = m − H, and the exponent identity) and their path-value equivalence with its sign condition, and
 * Yi et al.'s PSI trace under two skeletons.
 */
final class PathRules {
    private PathRules() {
    }

    /** Meng et al.: per network, rank = m − H, a basis of that many skeleton paths, the exponent identity. */
    static void mengBasisPaths(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Set<String> nets = new LinkedHashSet<>();
        for (JsonNode c : checks) {
            if (checkKind(c) == EXPONENT_IDENTITY) {
                nets.add(c.path("net").asText());
            }
        }
        if (nets.isEmpty()) {
            ev.fail("no network is checked");
        }
        for (String n : nets) {
            int identity = ev.find(c -> checkKind(c) == EXPONENT_IDENTITY && c.path("net").asText().equals(n));
            int rank = ev.find(c -> isRelation(c) && q(c, "lhs") == INCIDENCE_RANK && q(c, "rhs") == SUM
                    && c.get("lhs").path("net").asText().equals(n) && !c.get("lhs").path("biases").asBoolean(false)
                    && isMMinusH(c.get("rhs"), n) && op(c) == EQ && !c.get("lhs").has("factor"));
            int basisRank = ev.find(c -> isRelation(c) && q(c, "lhs") == PATHS_RANK && c.get("lhs").path("net").asText().equals(n)
                    && c.get("lhs").path("paths").equals(checks.get(identity).path("basis")) && isConstant(c.get("rhs"), false)
                    && op(c) == EQ && !hasFactor(c));
            int full = ev.find(c -> isRelation(c) && isConstant(c.get("lhs"), false) && q(c, "rhs") == INCIDENCE_RANK
                    && c.get("rhs").path("net").asText().equals(n) && !c.get("rhs").path("biases").asBoolean(false)
                    && op(c) == EQ && !hasFactor(c));
            boolean ok = rank >= 0 && basisRank >= 0 && full >= 0
                    && java.util.Objects.equals(value(checks.get(basisRank).get("rhs")), value(checks.get(full).get("lhs")))
                    && Q.of(checks.get(identity).path("basis").size()).equals(value(checks.get(full).get("lhs")));
            if (!ok) {
                ev.fail("network " + n + ": the claim needs incidence_rank = count(weights) − count(hidden), the basis paths "
                        + "of its exponent identity of that rank, as many as the rank");
                continue;
            }
            ev.use(identity, rank, basisRank, full);
        }
    }

    private static boolean isMMinusH(JsonNode sum, String n) {
        JsonNode t = sum.path("terms");
        return t.size() == 2 && kind(t.get(0)) == COUNT && t.get(0).path("what").asText().equals(CountKind.WEIGHTS.wire())
                && t.get(0).path("net").asText().equals(n) && !t.get(0).has("factor")
                && kind(t.get(1)) == COUNT && t.get(1).path("what").asText().equals(CountKind.HIDDEN.wire())
                && t.get(1).path("net").asText().equals(n) && t.get(1).path("factor").asText().equals("-1");
    }

    /**
     * Meng et al.: instances (same path values ⇒ a rescaling maps A onto B) on bias-free networks with nonzero
     * weights of one sign pattern; and the witness that the sign condition is needed: equal path values,
     * different sign patterns, different outputs.
     */
    static void mengPathValues(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(Set.of("node_rescaling"));
        int instances = 0;
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (checkKind(c) != SAME_PATH_VALUES || !c.path("role").asText().equals("instance")) {
                continue;
            }
            String a = c.path("a").asText();
            String b = c.path("b").asText();
            Integer image = images.get(a + "\u0000" + b);
            if (image == null || !checks.get(image).path("role").asText().equals("instance") || !sameSigns(ev, a, b)) {
                ev.fail("checks[" + i + "]: an instance is a pair of bias-free networks with nonzero weights of one sign "
                        + "pattern, equal path values, and a rescaling that maps one onto the other");
                continue;
            }
            if (ev.trivial(image)) {
                ev.fail("checks[" + i + "]: the element of checks[" + image + "] leaves the network unchanged (an identity), "
                        + "which is no evidence about the symmetry");
                continue;
            }
            ev.use(i, image);
            instances++;
        }
        int witness = -1;
        for (int i = 0; i < checks.size() && witness < 0; i++) {
            JsonNode c = checks.get(i);
            if (checkKind(c) == SAME_PATH_VALUES && c.path("role").asText().equals("witness")) {
                String a = c.path("a").asText();
                String b = c.path("b").asText();
                int differ = ev.find(r -> isRelation(r) && q(r, "lhs") == OUTPUT && q(r, "rhs") == OUTPUT && !hasFactor(r)
                        && op(r) == NE && r.path("role").asText().equals("witness")
                        && r.get("lhs").path("net").asText().equals(a) && r.get("rhs").path("net").asText().equals(b)
                        && r.get("lhs").path("input").equals(r.get("rhs").path("input")));
                if (differ >= 0 && !sameSigns(ev, a, b)) {
                    witness = i;
                    ev.use(i, differ);
                }
            }
        }
        if (instances == 0 || witness < 0) {
            ev.fail("the claim needs instances of the equivalence and the witness that the sign condition is needed");
        }
    }

    private static boolean sameSigns(Evidence ev, String a, String b) {
        Network x = ev.reader().networkNamed(a);
        Network y = ev.reader().networkNamed(b);
        if (x == null || y == null || x.hasBiases() || y.hasBiases() || x.numParameters() != y.numParameters()) {
            return false;
        }
        BigFraction[] p = x.parameters();
        BigFraction[] r = y.parameters();
        for (int k = 0; k < p.length; k++) {
            int s = p[k].getNumerator().signum();
            if (s == 0 || s != r[k].getNumerator().signum()) {
                return false;
            }
        }
        return true;
    }

    /** Yi et al., extension: the PSI trace of one network under two different skeletons, at an exact critical point. */
    static void skeletons(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        int distinct = 0;
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || q(c, "lhs") != PSI_TRACE) {
                continue;
            }
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            RelationOp op = op(c);
            String role = c.path("role").asText();
            boolean ok = q(c, "rhs") == PSI_TRACE && !hasFactor(c) && lhs.path("net").equals(rhs.path("net"))
                    && lhs.path("data").equals(rhs.path("data")) && !lhs.path("skeleton").equals(rhs.path("skeleton"))
                    && (op == EQ && role.equals("instance") || op == NE && role.equals("counterexample"));
            if (!ok) {
                ev.fail("checks[" + j + "]: the claim compares the PSI trace of one network on one dataset under two "
                        + "different skeletons (\"==\" instance, \"!=\" counterexample)");
                continue;
            }
            ev.markCounterexample(op == NE);
            ev.use(j);
            ev.criticalPoint("checks[" + j + "]", lhs.path("net").asText(), lhs.path("data").asText());
            // Two skeleton names that pick the same basis paths compute the same trace: such an instance is
            // true but shows nothing, so it is allowed and not counted.
            distinct += pathSet(lhs.path("basis")).equals(pathSet(rhs.path("basis"))) ? 0 : 1;
        }
        if (!ev.counterexample() && distinct == 0) {
            ev.fail("no instance compares two different sets of basis paths (skeletons that pick the same paths agree "
                    + "trivially)");
        }
    }
}
