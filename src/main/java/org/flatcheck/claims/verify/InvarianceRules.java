package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CheckKind.GROUP_IMAGE;
import static org.flatcheck.claims.verify.CheckKind.SAME_PATH_VALUES;
import static org.flatcheck.claims.verify.Evidence.checkKind;
import static org.flatcheck.claims.verify.Evidence.hasFactor;
import static org.flatcheck.claims.verify.Evidence.isRelation;
import static org.flatcheck.claims.verify.Evidence.op;
import static org.flatcheck.claims.verify.Evidence.q;
import static org.flatcheck.claims.verify.Evidence.qName;
import static org.flatcheck.claims.verify.QuantityKind.ADAPTIVE_D2;
import static org.flatcheck.claims.verify.QuantityKind.ADAPTIVE_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.D1;
import static org.flatcheck.claims.verify.QuantityKind.D2;
import static org.flatcheck.claims.verify.QuantityKind.LOG_HESSIAN_TRACE;
import static org.flatcheck.claims.verify.QuantityKind.LOSS;
import static org.flatcheck.claims.verify.QuantityKind.OUTPUT;
import static org.flatcheck.claims.verify.QuantityKind.OUTPUT_D1;
import static org.flatcheck.claims.verify.RelationOp.EQ;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The evidence rules of the claims that a quantity is invariant under a symmetry (docs/certificates.md §5):
 * decisive relations of the claim's quantity on the two ends of group images of the claim's symmetry
 * (function invariance, Yi et al.'s PSI trace, Rangamani et al.'s quotient trace, Liang et al.'s Fisher–Rao
 * norm with Euler's identity, Kwon et al.'s and Andriushchenko et al.'s adaptive measures with their ρ-box and
 * ρ-ball, da Silva et al.'s geodesic points), and the transformation
 * law of the gradient and Hessian under rescalings.
 */
final class InvarianceRules {
    /** ρ of Kwon et al.'s box and Andriushchenko et al.'s ball in the claims. */
    private static final BigFraction RHO = Q.of(1, 100);

    private InvarianceRules() {
    }

    /**
     * The claim's quantities on both ends of an element of the claim's symmetries: decisive relations, at
     * least one instance under each symmetry unless there is a counterexample, and with {@code critical} both
     * ends at exact critical points.
     */
    static void invariance(Evidence ev, Set<QuantityKind> quantities, Set<String> symmetries, boolean critical) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(symmetries);
        Set<String> covered = new TreeSet<>();
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || q(c, "lhs") == null || !quantities.contains(q(c, "lhs"))) {
                continue;
            }
            String at = "checks[" + j + "]";
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Integer image = images.get(lhs.path("net").asText() + "\u0000" + rhs.path("net").asText());
            if (q(c, "rhs") != q(c, "lhs") || hasFactor(c) || image == null) {
                ev.fail(at + ": compares " + qName(c, "lhs") + " on " + lhs.path("net").asText() + " with " + qName(c, "rhs") + " on "
                        + rhs.path("net").asText() + "; the claim needs its quantity, unscaled, on the two ends of a group image");
                continue;
            }
            for (String same : List.of("data", "input", "u", "skeleton")) {
                if (!lhs.path(same).equals(rhs.path(same))) {
                    ev.fail(at + ": the two sides differ in " + same);
                }
            }
            String kind = GroupImageCheck.element(ev.reader(), checks.get(image), "checks[" + image + "]").kind();
            if (ev.trivial(image)) {
                ev.fail(at + ": the element of checks[" + image + "] leaves the network unchanged (an identity), which "
                        + "is no evidence about the symmetry");
                continue;
            }
            if (!ev.decisive(j, image, c.path("op").asText())) {
                continue;
            }
            covered.add(kind);
            ev.use(j, image);
            if (critical) {
                ev.criticalPoint(at, lhs.path("net").asText(), lhs.path("data").asText());
                ev.criticalPoint(at, rhs.path("net").asText(), rhs.path("data").asText());
            }
        }
        if (!ev.counterexample()) {
            for (String s : new TreeSet<>(symmetries)) {
                if (!covered.contains(s)) {
                    ev.fail("no instance of the claim under " + s + ", which it is about");
                }
            }
        }
    }

    /** same_path_values checks between the two ends of a group image (PSI claims: path values are the invariants). */
    static void pairedPathValues(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Set<String> pairs = new HashSet<>();
        for (JsonNode c : checks) {
            if (checkKind(c) == GROUP_IMAGE) {
                pairs.add(c.path("from").asText() + "\u0000" + c.path("to").asText());
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (checkKind(c) == SAME_PATH_VALUES && c.path("role").asText().equals("instance")
                    && pairs.contains(c.path("a").asText() + "\u0000" + c.path("b").asText())) {
                ev.use(i);
            }
        }
    }

    /** Euler's identity ⟨θ, ∇f(x)⟩ = depth·f(x) on bias-free networks: output_d1 along θ against depth × output. */
    static void euler(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (!isRelation(c) || q(c, "lhs") != OUTPUT_D1) {
                continue;
            }
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Network n = ev.reader().networkNamed(lhs.path("net").asText());
            boolean ok = n != null && !n.hasBiases() && n.isLayered() && q(c, "rhs") == OUTPUT
                    && rhs.path("net").equals(lhs.path("net")) && rhs.path("input").equals(lhs.path("input"))
                    && lhs.path("u").asText().equals("theta") && !lhs.has("factor")
                    && rhs.path("factor").asText().equals(Integer.toString(n.layers().orElseThrow().length - 1))
                    && op(c) == EQ && c.path("role").asText().equals("instance");
            if (!ok) {
                ev.fail("checks[" + i + "]: Euler's identity is output_d1 along θ == depth × output, on one bias-free "
                        + "layered network at one input");
                continue;
            }
            ev.use(i);
        }
    }

    /** ∇L(Dθ) = D⁻¹∇L(θ), ∇²L(Dθ) = D⁻¹∇²L(θ)D⁻¹: d1 and d2 of B along u equal those of A along D⁻¹u. */
    static void transformationLaw(Evidence ev) {
        List<JsonNode> checks = ev.checks();
        Map<String, Integer> images = ev.images(Set.of("node_rescaling", "layer_scaling"));
        Set<String> covered = new TreeSet<>();
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            QuantityKind qk = q(c, "lhs");
            if (!isRelation(c) || !(qk == D1 || qk == D2)) {
                continue;
            }
            String at = "checks[" + j + "]";
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Integer image = images.get(rhs.path("net").asText() + "\u0000" + lhs.path("net").asText());
            if (q(c, "rhs") != qk || hasFactor(c) || image == null || !lhs.path("data").equals(rhs.path("data"))) {
                ev.fail(at + ": the law compares " + qk.wire() + " of B = g·A along u with " + qk.wire()
                        + " of A along D⁻¹u, on one dataset");
                continue;
            }
            BigFraction[] d = GroupImageCheck.parameterFactors(ev.reader(), checks.get(image), "checks[" + image + "]");
            BigFraction[] ub = ev.reader().vector(lhs, at + ".lhs", "u");
            BigFraction[] ua = ev.reader().vector(rhs, at + ".rhs", "u");
            boolean directions = d != null && ub.length == d.length && ua.length == d.length;
            for (int k = 0; directions && k < d.length; k++) {
                directions = ua[k].multiply(d[k]).equals(ub[k]);
            }
            if (!directions) {
                ev.fail(at + ": the direction on A is not D⁻¹ times the direction on B for the element of checks[" + image + "]");
                continue;
            }
            if (java.util.Arrays.stream(ub).allMatch(x -> Q.isZero(x))) {
                ev.fail(at + ": the direction u is 0, along which every derivative is 0 whatever the law");
                continue;
            }
            if (ev.trivial(image)) {
                ev.fail(at + ": the element of checks[" + image + "] leaves the network unchanged (an identity), which "
                        + "is no evidence about the symmetry");
                continue;
            }
            if (ev.decisive(j, image, c.path("op").asText())) {
                covered.add(GroupImageCheck.element(ev.reader(), checks.get(image), "checks[" + image + "]").kind() + " " + qk.wire());
                ev.use(j, image);
            }
        }
        if (!ev.counterexample()) {
            for (String s : List.of("layer_scaling d1", "layer_scaling d2", "node_rescaling d1", "node_rescaling d2")) {
                if (!covered.contains(s)) {
                    ev.fail("no instance of the law for " + s.replace(" d1", " (gradient)").replace(" d2", " (Hessian)"));
                }
            }
        }
    }

    /**
     * Kwon et al.: the adaptive trace and (Tu)ᵀ∇²L(Tu) on both ends of a node rescaling, and the loss at points of
     * the box |y| ≤ ρ|θ| (ρ = 1/100) and at their images under the same element.
     */
    static void kwon(Evidence ev) {
        chartPoints(ev, EnumSet.of(ADAPTIVE_TRACE, ADAPTIVE_D2, LOSS), Set.of("node_rescaling"), ADAPTIVE_TRACE,
                (y, a) -> inRhoBox(ev, y, a), "the box |y| ≤ ρ|θ| (ρ = 1/100) of a network whose adaptive trace is checked");
        // the statement includes the quadratic form (Tu)ᵀ∇²L(Tu): an instance of it is owed unless refuted
        boolean quadratic = ev.checks().stream().anyMatch(c -> isRelation(c) && q(c, "lhs") == ADAPTIVE_D2);
        if (!quadratic && !ev.counterexample()) {
            ev.fail("no adaptive_d2 relation: the claim states that (Tu)ᵀ∇²L(Tu) is unchanged too");
        }
    }

    /**
     * Andriushchenko et al.: the adaptive trace on both ends of a node rescaling, and the loss at points of the
     * ball ‖(y − θ)/|θ|‖₂ ≤ ρ (ρ = 1/100) and at their images under the same element.
     */
    static void andriushchenko(Evidence ev) {
        chartPoints(ev, EnumSet.of(ADAPTIVE_TRACE, LOSS), Set.of("node_rescaling"), ADAPTIVE_TRACE,
                (y, a) -> inRhoBall(ev, y, a), "the ball ‖(y − θ)/|θ|‖₂ ≤ ρ (ρ = 1/100) of a network whose adaptive trace is checked");
    }

    /**
     * da Silva et al.: the log-chart Hessian trace on both ends of a node rescaling or layer scaling, and the loss
     * at points θ ⊙ u (u > 0, a point of a geodesic of the metric Σ dθₖ²/θₖ²) and at their images under the same
     * element, which are (g·θ) ⊙ u.
     */
    static void dasilva(Evidence ev) {
        chartPoints(ev, EnumSet.of(LOG_HESSIAN_TRACE, LOSS), Set.of("node_rescaling", "layer_scaling"), LOG_HESSIAN_TRACE,
                (y, a) -> onGeodesic(ev, y, a), "a point θ ⊙ u, u > 0, of a network θ whose log-chart Hessian trace is checked");
    }

    /**
     * The claim's quantities on both ends of group images; every loss relation is at a point of the chart around a
     * network whose {@code centerKind} is checked ({@code member(point, center)}), moved by the same element.
     */
    private static void chartPoints(Evidence ev, Set<QuantityKind> quantities, Set<String> symmetries, QuantityKind centerKind,
            java.util.function.BiPredicate<String, String> member, String what) {
        List<JsonNode> checks = ev.checks();
        invariance(ev, quantities, symmetries, false);
        Map<String, JsonNode> elements = new HashMap<>();
        for (JsonNode c : checks) {
            if (checkKind(c) == GROUP_IMAGE
                    && elements.put(c.path("from").asText(), c.path("element")) != null) {
                ev.fail("network " + c.path("from").asText() + " starts two group images; each point of the chart is moved "
                        + "by one element, the one of its center");
            }
        }
        Set<String> centers = new HashSet<>();
        for (JsonNode c : checks) {
            if (isRelation(c) && q(c, "lhs") == centerKind) {
                centers.add(c.get("lhs").path("net").asText());
            }
        }
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || q(c, "lhs") != LOSS) {
                continue;
            }
            String y = c.get("lhs").path("net").asText();
            boolean ok = centers.stream().anyMatch(a -> member.test(y, a) && elements.get(a) != null && elements.get(y) != null
                    && elements.get(a).equals(elements.get(y)));
            if (!ok) {
                ev.fail("checks[" + j + "]: " + y + " is not a point of " + what + ", moved by the same element");
            }
        }
    }

    private static boolean inRhoBall(Evidence ev, String point, String center) {
        BigFraction[][] pc = pointAndCenter(ev, point, center);
        if (pc == null) {
            return false;
        }
        BigFraction[] x = pc[0];
        BigFraction[] t = pc[1];
        BigFraction sum = BigFraction.ZERO;
        for (int k = 0; k < x.length; k++) {
            BigFraction d = x[k].subtract(t[k]);
            if (Q.isZero(t[k])) {
                if (!Q.isZero(d)) {
                    return false;
                }
                continue;
            }
            BigFraction z = d.divide(t[k].abs());
            sum = sum.add(z.multiply(z));
        }
        return sum.compareTo(RHO.multiply(RHO)) <= 0;
    }

    /** Whether {@code point = center ⊙ u} for some u > 0 (entries where the center is 0 stay 0). */
    private static boolean onGeodesic(Evidence ev, String point, String center) {
        BigFraction[][] pc = pointAndCenter(ev, point, center);
        if (pc == null) {
            return false;
        }
        BigFraction[] x = pc[0];
        BigFraction[] t = pc[1];
        for (int k = 0; k < x.length; k++) {
            if (Q.isZero(t[k]) ? !Q.isZero(x[k]) : Q.signum(x[k].divide(t[k])) <= 0) {
                return false;
            }
        }
        return true;
    }

    /** The parameters {@code [point's, center's]} of two distinct networks of the same size, or null. */
    private static BigFraction[][] pointAndCenter(Evidence ev, String point, String center) {
        Network p = ev.reader().networkNamed(point);
        Network c = ev.reader().networkNamed(center);
        if (p == null || c == null || p.numParameters() != c.numParameters() || point.equals(center)) {
            return null;
        }
        return new BigFraction[][] {p.parameters(), c.parameters()};
    }

    private static boolean inRhoBox(Evidence ev, String point, String center) {
        BigFraction[][] pc = pointAndCenter(ev, point, center);
        if (pc == null) {
            return false;
        }
        BigFraction[] x = pc[0];
        BigFraction[] t = pc[1];
        for (int k = 0; k < x.length; k++) {
            if (x[k].subtract(t[k]).abs().compareTo(t[k].abs().multiply(RHO)) > 0) {
                return false;
            }
        }
        return true;
    }
}
