package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CheckKind.GROUP_IMAGE;
import static org.flatcheck.claims.verify.CheckKind.RELATION;
import static org.flatcheck.claims.verify.QuantityKind.CONSTANT;
import static org.flatcheck.claims.verify.QuantityKind.CONNECTIVITY_SHARPNESS;
import static org.flatcheck.claims.verify.QuantityKind.FISHER_RAO;
import static org.flatcheck.claims.verify.QuantityKind.FISHER_SHARPNESS;
import static org.flatcheck.claims.verify.QuantityKind.LOG_HESSIAN_D2;
import static org.flatcheck.claims.verify.QuantityKind.LOG_HESSIAN_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.GRADIENT;
import static org.flatcheck.claims.verify.QuantityKind.LOSS;
import static org.flatcheck.claims.verify.QuantityKind.OUTPUT;
import static org.flatcheck.claims.verify.QuantityKind.PSI_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.QUOTIENT_HESSIAN_TRACE;
import static org.flatcheck.claims.verify.RelationOp.EQ;
import static org.flatcheck.claims.verify.RelationOp.NE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * What establishes each claim: the structure its evidence must have, as the checker requires it. Every
 * stated fact is recomputed elsewhere ({@link Recomputation}); this class decides whether the true
 * facts of a certificate are the ones its claim needs — the claim's quantity on the two ends of a group
 * element of the claim's symmetry, at exact critical points where the claim says so, with the claim's
 * parameters — so that a certificate made of other true facts (a {@code 1 == 1} labelled counterexample,
 * roles relabelled, a zero factor on both sides, another claim's checks) is rejected. Each check must be
 * used by the claim's rule; the verdict of a theorem or extension is REFUTED exactly when the rule finds a
 * well-formed counterexample. The rules are written in docs/certificates.md; each claim's rule is in its
 * family ({@link InvarianceRules}, {@link DinhRules}, {@link PathRules}, {@link EmpiricalRules}), and this
 * class holds what they share: the checks, which of them are used, the failures, and the common patterns
 * (group images, decisive relations, critical points).
 */
final class Evidence {
    private static final Set<String> ALL = Set.of("node_rescaling", "layer_scaling", "permutation");

    private static final Map<String, Consumer<Evidence>> RULES = Map.ofEntries(
            Map.entry("function-invariance", e -> InvarianceRules.invariance(e, EnumSet.of(OUTPUT, LOSS), ALL, false)),
            Map.entry("transformation-law", InvarianceRules::transformationLaw),
            Map.entry("dinh-hessian-unbounded", DinhRules::dinhHessian),
            Map.entry("dinh-keskar-sharpness", DinhRules::dinhKeskar),
            Map.entry("dinh-volume-flatness", DinhRules::dinhVolume),
            Map.entry("meng-basis-paths", PathRules::mengBasisPaths),
            Map.entry("meng-path-values-equivalence", PathRules::mengPathValues),
            Map.entry("yi-psi-rescaling-invariance", e -> {
                InvarianceRules.invariance(e, EnumSet.of(PSI_TRACE), Set.of("node_rescaling", "layer_scaling"), false);
                InvarianceRules.pairedPathValues(e);
            }),
            Map.entry("yi-psi-skeleton-independence", PathRules::skeletons),
            Map.entry("rangamani-layer-scaling-invariance",
                    e -> InvarianceRules.invariance(e, EnumSet.of(QUOTIENT_HESSIAN_TRACE), Set.of("layer_scaling"), true)),
            Map.entry("rangamani-node-rescaling-invariance",
                    e -> InvarianceRules.invariance(e, EnumSet.of(QUOTIENT_HESSIAN_TRACE), Set.of("node_rescaling"), true)),
            Map.entry("kwon-adaptive-invariance", InvarianceRules::kwon),
            Map.entry("kristiadi-log-hessian-invariance",
                    e -> InvarianceRules.invariance(e, EnumSet.of(LOG_HESSIAN_TRACE, LOG_HESSIAN_D2),
                            Set.of("node_rescaling", "layer_scaling"), false)),
            Map.entry("jang-fisher-invariance", e -> InvarianceRules.invariance(e, EnumSet.of(FISHER_SHARPNESS), ALL, false)),
            Map.entry("kim-connectivity-invariance", e -> InvarianceRules.invariance(e, EnumSet.of(CONNECTIVITY_SHARPNESS), ALL, false)),
            Map.entry("andriushchenko-adaptive-invariance", InvarianceRules::andriushchenko),
            Map.entry("dasilva-geodesic-invariance", InvarianceRules::dasilva),
            Map.entry("liang-fisher-rao", e -> {
                InvarianceRules.invariance(e, EnumSet.of(FISHER_RAO), ALL, false);
                InvarianceRules.euler(e);
            }),
            Map.entry("keskar-large-batch-sharper", EmpiricalRules::keskar));

    private final CertificateReader v;
    private final List<JsonNode> checks;
    private final List<String> failures = new ArrayList<>();
    private final boolean[] used;
    private boolean counterexample;

    private Evidence(CertificateReader v, List<JsonNode> checks) {
        this.v = v;
        this.checks = checks;
        this.used = new boolean[checks.size()];
    }

    /** Whether the checker has a rule for {@code claim}. */
    static boolean knows(String claim) {
        return RULES.containsKey(claim);
    }

    CertificateReader reader() {
        return v;
    }

    /** The certificate's checks, in order. */
    List<JsonNode> checks() {
        return checks;
    }

    /** Records a structural failure. */
    void fail(String failure) {
        failures.add(failure);
    }

    /** Marks checks as used by the claim's rule. */
    void use(int... indices) {
        for (int i : indices) {
            used[i] = true;
        }
    }

    /** Whether the rule has found a well-formed counterexample. */
    boolean counterexample() {
        return counterexample;
    }

    /** Records that the rule found a well-formed counterexample, if {@code found}. */
    void markCounterexample(boolean found) {
        counterexample |= found;
    }

    /** The structural failures of a certificate of {@code claim} with {@code verdict} (empty: it establishes it). */
    static List<String> check(CertificateReader v, String claim, ClaimKind kind, String verdict, List<JsonNode> checks) {
        Evidence e = new Evidence(v, checks);
        RULES.get(claim).accept(e);
        for (int i = 0; i < checks.size(); i++) {
            if (!e.used[i]) {
                e.failures.add("checks[" + i + "] (" + checks.get(i).path("check").asText() + ") is not evidence that claim "
                        + claim + " uses");
            }
        }
        if (kind != ClaimKind.EMPIRICAL) {
            if (verdict.equals("REFUTED") && !e.counterexample) {
                e.failures.add("verdict REFUTED but no check is a counterexample of the form claim " + claim + " needs");
            }
            if (verdict.equals("HOLDS") && e.counterexample) {
                e.failures.add("verdict HOLDS but the certificate holds a counterexample");
            }
        }
        return e.failures;
    }

    /**
     * The group images of the given symmetries, by "from\0to"; one of another symmetry is a failure. The
     * check is marked used only when a relation uses it.
     */
    Map<String, Integer> images(Set<String> symmetries) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (checkKind(c) != GROUP_IMAGE) {
                continue;
            }
            GroupImageCheck.Element e = GroupImageCheck.element(v, c, "checks[" + i + "]");
            if (e == null) {
                continue;
            }
            if (!symmetries.contains(e.kind())) {
                failures.add("checks[" + i + "]: a " + e.kind() + " element; the claim is about " + String.join(", ", new TreeSet<>(symmetries)));
                continue;
            }
            out.put(c.path("from").asText() + "\u0000" + c.path("to").asText(), i);
        }
        return out;
    }

    /**
     * A relation on the ends of a group image: "==" is an instance, "!=" a counterexample, and the image must
     * carry the same role; true if it is well formed.
     */
    boolean decisive(int relation, int image, String op) {
        String role = checks.get(relation).path("role").asText();
        String imageRole = checks.get(image).path("role").asText();
        RelationOp kind = RelationOp.fromWire(op).orElse(null);
        boolean ok = kind == EQ ? role.equals("instance") && imageRole.equals("instance")
                : kind == NE && role.equals("counterexample") && imageRole.equals("counterexample");
        if (!ok) {
            failures.add("checks[" + relation + "]: a relation \"" + op + "\" with role " + role + " on a group image with role "
                    + imageRole + "; an instance is \"==\" with role instance, a counterexample \"!=\" with role counterexample");
            return false;
        }
        counterexample |= kind == NE;
        return true;
    }

    /** Whether the group image at {@code image} maps its network onto the same parameters (an identity action). */
    boolean trivial(int image) {
        Network from = v.networkNamed(checks.get(image).path("from").asText());
        Network to = v.networkNamed(checks.get(image).path("to").asText());
        return from != null && to != null && java.util.Arrays.equals(from.parameters(), to.parameters());
    }

    /** The checks that {@code net} is an exact critical point on {@code data}: L = 0 and ∇L = 0. */
    void criticalPoint(String at, String net, String data) {
        int loss = find(c -> isRelation(c) && q(c, "lhs") == LOSS && op(c) == EQ
                && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(data)
                && isConstant(c.get("rhs"), true) && !hasFactor(c));
        int gradient = find(c -> isRelation(c) && q(c, "lhs") == GRADIENT && op(c) == EQ
                && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(data)
                && isConstant(c.get("rhs"), true) && !hasFactor(c));
        if (loss < 0 || gradient < 0) {
            failures.add(at + ": " + net + " must be an exact critical point on " + data + " (checks loss = 0 and gradient = 0)");
            return;
        }
        used[loss] = true;
        used[gradient] = true;
    }

    /** The one network every group image starts from. */
    String oneBase(Map<String, Integer> images, String claim) {
        Set<String> bases = new TreeSet<>();
        images.keySet().forEach(k -> bases.add(k.substring(0, k.indexOf('\u0000'))));
        if (bases.size() != 1 || v.networkNamed(bases.iterator().next()) == null) {
            failures.add("claim " + claim + " scales one network; the certificate's group images start from " + bases);
            return null;
        }
        return bases.iterator().next();
    }

    /** The single number a constant quantity states (a string or a JSON integer), or null. */
    static BigFraction value(JsonNode q) {
        JsonNode v = q.path("value");
        try {
            return v.isTextual() ? Q.parse(v.asText()) : v.isIntegralNumber() ? Q.of(v.bigIntegerValue()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A list of paths (arrays of node names) as a set of their string forms. */
    static Set<String> pathSet(JsonNode paths) {
        Set<String> out = new HashSet<>();
        paths.forEach(p -> out.add(p.toString()));
        return out;
    }

    int find(java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < checks.size(); i++) {
            if (p.test(checks.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean isRelation(JsonNode c) {
        return checkKind(c) == RELATION && c.has("lhs") && c.has("rhs");
    }

    /** The kind of the quantity on {@code side} of a relation; null if it names none. */
    static QuantityKind q(JsonNode c, String side) {
        return kind(c.path(side));
    }

    /** The name of the quantity on {@code side} of a relation, as written (for messages). */
    static String qName(JsonNode c, String side) {
        return c.path(side).path("q").asText();
    }

    /** The kind of a quantity; null if it names none. */
    static QuantityKind kind(JsonNode q) {
        return QuantityKind.fromWire(q.path("q").asText()).orElse(null);
    }

    /** The kind of a check; null if it names none. */
    static CheckKind checkKind(JsonNode c) {
        return CheckKind.fromWire(c.path("check").asText()).orElse(null);
    }

    /** The operator of a relation; null if it names none. */
    static RelationOp op(JsonNode c) {
        return RelationOp.fromWire(c.path("op").asText()).orElse(null);
    }

    static boolean hasFactor(JsonNode c) {
        return c.path("lhs").has("factor") || c.path("rhs").has("factor");
    }

    /**
     * Whether the constant {@code q} has the value {@code x}; false when its value is missing or is no
     * rational number (the recomputation then reports the certificate malformed).
     */
    static boolean constantIs(JsonNode q, BigFraction x) {
        JsonNode value = q.path("value");
        if (!value.isTextual()) {
            return false;
        }
        try {
            return Q.parse(value.asText()).equals(x);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A constant without a factor; with {@code zero}, every entry 0. */
    static boolean isConstant(JsonNode q, boolean zero) {
        if (kind(q) != CONSTANT || q.has("factor")) {
            return false;
        }
        if (!zero) {
            return true;
        }
        JsonNode value = q.path("value");
        if (value.isArray()) {
            for (JsonNode x : value) {
                if (!isZero(x)) {
                    return false;
                }
            }
            return true;
        }
        return isZero(value);
    }

    private static boolean isZero(JsonNode x) {
        try {
            return Q.isZero(Q.parse(x.asText()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static BigFraction epsilon(JsonNode node, String field) {
        try {
            return Q.parse(node.path(field).asText());
        } catch (NumberFormatException e) {
            return BigFraction.MINUS_ONE;
        }
    }
}
