package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
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
 * stated fact is recomputed elsewhere ({@link CertificateVerifier}); this class decides whether the true
 * facts of a certificate are the ones its claim needs — the claim's quantity on the two ends of a group
 * element of the claim's symmetry, at exact critical points where the claim says so, with the claim's
 * parameters — so that a certificate made of other true facts (a {@code 1 == 1} labelled counterexample,
 * roles relabelled, a zero factor on both sides, another claim's checks) is rejected. Each check must be
 * used by the claim's rule; the verdict of a theorem or extension is REFUTED exactly when the rule finds a
 * well-formed counterexample. The rules are written in docs/certificates.md.
 */
final class Evidence {
    private static final Set<String> ALL = Set.of("node_rescaling", "layer_scaling", "permutation");
    private static final BigFraction KESKAR_EPSILON = new BigFraction(1, 1000);
    private static final BigFraction VOLUME_EPSILON = new BigFraction(1, 100);
    private static final BigFraction KWON_RHO = new BigFraction(1, 100);
    private static final List<String> EMPIRICAL_MEASURES = List.of("hessian_trace", "adaptive_trace", "psi_trace");
    private static final Map<String, BigFraction> STATIONARY = Map.of(
            "synthetic", new BigFraction(1, 1_000_000), "iris", new BigFraction(1, 10_000));

    private static final Map<String, Consumer<Evidence>> RULES = Map.ofEntries(
            Map.entry("function-invariance", e -> e.invariance(Set.of("output", "loss"), ALL, false)),
            Map.entry("transformation-law", Evidence::transformationLaw),
            Map.entry("dinh-hessian-unbounded", Evidence::dinhHessian),
            Map.entry("dinh-keskar-sharpness", Evidence::dinhKeskar),
            Map.entry("dinh-volume-flatness", Evidence::dinhVolume),
            Map.entry("meng-basis-paths", Evidence::mengBasisPaths),
            Map.entry("meng-path-values-equivalence", Evidence::mengPathValues),
            Map.entry("yi-psi-rescaling-invariance", e -> {
                e.invariance(Set.of("psi_trace"), Set.of("node_rescaling", "layer_scaling"), false);
                e.pairedPathValues();
            }),
            Map.entry("yi-psi-skeleton-independence", Evidence::skeletons),
            Map.entry("rangamani-layer-scaling-invariance",
                    e -> e.invariance(Set.of("quotient_hessian_trace"), Set.of("layer_scaling"), true)),
            Map.entry("rangamani-node-rescaling-invariance",
                    e -> e.invariance(Set.of("quotient_hessian_trace"), Set.of("node_rescaling"), true)),
            Map.entry("kwon-adaptive-invariance", Evidence::kwon),
            Map.entry("liang-fisher-rao", e -> {
                e.invariance(Set.of("fisher_rao"), ALL, false);
                e.euler();
            }),
            Map.entry("keskar-large-batch-sharper", Evidence::keskar));

    private final CertificateVerifier v;
    private final List<JsonNode> checks;
    private final List<String> failures = new ArrayList<>();
    private final boolean[] used;
    private boolean counterexample;

    private Evidence(CertificateVerifier v, List<JsonNode> checks) {
        this.v = v;
        this.checks = checks;
        this.used = new boolean[checks.size()];
    }

    /** Whether the checker has a rule for {@code claim}. */
    static boolean knows(String claim) {
        return RULES.containsKey(claim);
    }

    /** The structural failures of a certificate of {@code claim} with {@code verdict} (empty: it establishes it). */
    static List<String> check(CertificateVerifier v, String claim, ClaimKind kind, String verdict, List<JsonNode> checks) {
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

    // ---- invariance claims: the claim's quantity on both ends of an element of the claim's symmetry ----

    private void invariance(Set<String> quantities, Set<String> symmetries, boolean critical) {
        Map<String, Integer> images = images(symmetries);
        Set<String> covered = new TreeSet<>();
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || !quantities.contains(q(c, "lhs"))) {
                continue;
            }
            String at = "checks[" + j + "]";
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Integer image = images.get(lhs.path("net").asText() + "\u0000" + rhs.path("net").asText());
            if (!q(c, "rhs").equals(q(c, "lhs")) || hasFactor(c) || image == null) {
                failures.add(at + ": compares " + q(c, "lhs") + " on " + lhs.path("net").asText() + " with " + q(c, "rhs") + " on "
                        + rhs.path("net").asText() + "; the claim needs its quantity, unscaled, on the two ends of a group image");
                continue;
            }
            for (String same : List.of("data", "input", "u", "skeleton")) {
                if (!lhs.path(same).equals(rhs.path(same))) {
                    failures.add(at + ": the two sides differ in " + same);
                }
            }
            String kind = v.element(checks.get(image), "checks[" + image + "]").kind();
            if (trivial(image)) {
                failures.add(at + ": the element of checks[" + image + "] leaves the network unchanged (an identity), which "
                        + "is no evidence about the symmetry");
                continue;
            }
            if (!decisive(j, image, c.path("op").asText())) {
                continue;
            }
            covered.add(kind);
            used[j] = true;
            used[image] = true;
            if (critical) {
                criticalPoint(at, lhs.path("net").asText(), lhs.path("data").asText());
                criticalPoint(at, rhs.path("net").asText(), rhs.path("data").asText());
            }
        }
        if (!counterexample) {
            for (String s : new TreeSet<>(symmetries)) {
                if (!covered.contains(s)) {
                    failures.add("no instance of the claim under " + s + ", which it is about");
                }
            }
        }
    }

    /**
     * The group images of the given symmetries, by "from\0to"; one of another symmetry is a failure. The
     * check is marked used only when a relation uses it.
     */
    private Map<String, Integer> images(Set<String> symmetries) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (!c.path("check").asText().equals("group_image")) {
                continue;
            }
            CertificateVerifier.Element e = v.element(c, "checks[" + i + "]");
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
    private boolean decisive(int relation, int image, String op) {
        String role = checks.get(relation).path("role").asText();
        String imageRole = checks.get(image).path("role").asText();
        boolean ok = op.equals("==") ? role.equals("instance") && imageRole.equals("instance")
                : op.equals("!=") && role.equals("counterexample") && imageRole.equals("counterexample");
        if (!ok) {
            failures.add("checks[" + relation + "]: a relation \"" + op + "\" with role " + role + " on a group image with role "
                    + imageRole + "; an instance is \"==\" with role instance, a counterexample \"!=\" with role counterexample");
            return false;
        }
        counterexample |= op.equals("!=");
        return true;
    }

    /** Whether the group image at {@code image} maps its network onto the same parameters (an identity action). */
    private boolean trivial(int image) {
        Network from = v.networkNamed(checks.get(image).path("from").asText());
        Network to = v.networkNamed(checks.get(image).path("to").asText());
        return from != null && to != null && java.util.Arrays.equals(from.parameters(), to.parameters());
    }

    /** The checks that {@code net} is an exact critical point on {@code data}: L = 0 and ∇L = 0. */
    private void criticalPoint(String at, String net, String data) {
        int loss = find(c -> isRelation(c) && q(c, "lhs").equals("loss") && c.path("op").asText().equals("==")
                && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(data)
                && isConstant(c.get("rhs"), true) && !hasFactor(c));
        int gradient = find(c -> isRelation(c) && q(c, "lhs").equals("gradient") && c.path("op").asText().equals("==")
                && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(data)
                && isConstant(c.get("rhs"), true) && !hasFactor(c));
        if (loss < 0 || gradient < 0) {
            failures.add(at + ": " + net + " must be an exact critical point on " + data + " (checks loss = 0 and gradient = 0)");
            return;
        }
        used[loss] = true;
        used[gradient] = true;
    }

    /** same_path_values checks between the two ends of a group image (PSI claims: path values are the invariants). */
    private void pairedPathValues() {
        Set<String> pairs = new HashSet<>();
        for (JsonNode c : checks) {
            if (c.path("check").asText().equals("group_image")) {
                pairs.add(c.path("from").asText() + "\u0000" + c.path("to").asText());
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (c.path("check").asText().equals("same_path_values") && c.path("role").asText().equals("instance")
                    && pairs.contains(c.path("a").asText() + "\u0000" + c.path("b").asText())) {
                used[i] = true;
            }
        }
    }

    /** Euler's identity ⟨θ, ∇f(x)⟩ = depth·f(x) on bias-free networks: output_d1 along θ against depth × output. */
    private void euler() {
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (!isRelation(c) || !q(c, "lhs").equals("output_d1")) {
                continue;
            }
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Network n = v.networkNamed(lhs.path("net").asText());
            boolean ok = n != null && !n.hasBiases() && n.isLayered() && q(c, "rhs").equals("output")
                    && rhs.path("net").equals(lhs.path("net")) && rhs.path("input").equals(lhs.path("input"))
                    && lhs.path("u").asText().equals("theta") && !lhs.has("factor")
                    && rhs.path("factor").asText().equals(Integer.toString(n.layers().orElseThrow().length - 1))
                    && c.path("op").asText().equals("==") && c.path("role").asText().equals("instance");
            if (!ok) {
                failures.add("checks[" + i + "]: Euler's identity is output_d1 along θ == depth × output, on one bias-free "
                        + "layered network at one input");
                continue;
            }
            used[i] = true;
        }
    }

    // ---- the other theorems ----

    /** ∇L(Dθ) = D⁻¹∇L(θ), ∇²L(Dθ) = D⁻¹∇²L(θ)D⁻¹: d1 and d2 of B along u equal those of A along D⁻¹u. */
    private void transformationLaw() {
        Map<String, Integer> images = images(Set.of("node_rescaling", "layer_scaling"));
        Set<String> covered = new TreeSet<>();
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            String qk = q(c, "lhs");
            if (!isRelation(c) || !(qk.equals("d1") || qk.equals("d2"))) {
                continue;
            }
            String at = "checks[" + j + "]";
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            Integer image = images.get(rhs.path("net").asText() + "\u0000" + lhs.path("net").asText());
            if (!q(c, "rhs").equals(qk) || hasFactor(c) || image == null || !lhs.path("data").equals(rhs.path("data"))) {
                failures.add(at + ": the law compares " + qk + " of B = g·A along u with " + qk + " of A along D⁻¹u, on one dataset");
                continue;
            }
            BigFraction[] d = v.parameterFactors(checks.get(image), "checks[" + image + "]");
            BigFraction[] ub = v.vector(lhs, at + ".lhs", "u");
            BigFraction[] ua = v.vector(rhs, at + ".rhs", "u");
            boolean directions = d != null && ub.length == d.length && ua.length == d.length;
            for (int k = 0; directions && k < d.length; k++) {
                directions = ua[k].multiply(d[k]).equals(ub[k]);
            }
            if (!directions) {
                failures.add(at + ": the direction on A is not D⁻¹ times the direction on B for the element of checks[" + image + "]");
                continue;
            }
            if (java.util.Arrays.stream(ub).allMatch(x -> x.getNumerator().signum() == 0)) {
                failures.add(at + ": the direction u is 0, along which every derivative is 0 whatever the law");
                continue;
            }
            if (trivial(image)) {
                failures.add(at + ": the element of checks[" + image + "] leaves the network unchanged (an identity), which "
                        + "is no evidence about the symmetry");
                continue;
            }
            if (decisive(j, image, c.path("op").asText())) {
                covered.add(v.element(checks.get(image), "checks[" + image + "]").kind() + " " + qk);
                used[j] = true;
                used[image] = true;
            }
        }
        if (!counterexample) {
            for (String s : List.of("layer_scaling d1", "layer_scaling d2", "node_rescaling d1", "node_rescaling d2")) {
                if (!covered.contains(s)) {
                    failures.add("no instance of the law for " + s.replace(" d1", " (gradient)").replace(" d2", " (Hessian)"));
                }
            }
        }
    }

    /**
     * Dinh et al. Thm 3: one bias-free one-hidden-layer network A at an exact critical point; trace identities
     * tr ∇²L(T_αA) = Σ wₖHₖₖ(A) with w = 1/α² on the first layer and α² on the second; and for each M in
     * 10³, 10⁶, 10⁹, 10¹² a layer scaling with a Rayleigh quotient ≥ M (a lower bound of λ_max).
     */
    private void dinhHessian() {
        Map<String, Integer> images = images(Set.of("layer_scaling"));
        String base = oneBase(images, "dinh-hessian-unbounded");
        if (base == null) {
            return;
        }
        Network a = v.networkNamed(base);
        if (a.hasBiases() || a.layers().map(s -> s.length).orElse(0) != 3) {
            failures.add(base + " must be a one-hidden-layer network without biases (Thm 3's setting)");
            return;
        }
        int identities = 0;
        Set<BigFraction> bounds = new HashSet<>();
        Set<String> rayleighData = new TreeSet<>();
        String data = null;
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || hasFactor(c)) {
                continue;
            }
            String at = "checks[" + j + "]";
            if (q(c, "lhs").equals("hessian_trace") && q(c, "rhs").equals("weighted_hessian_trace")) {
                Integer image = images.get(base + "\u0000" + c.get("lhs").path("net").asText());
                if (image == null || !c.get("rhs").path("net").asText().equals(base)
                        || !c.get("lhs").path("data").equals(c.get("rhs").path("data")) || !decisive(j, image, c.path("op").asText())) {
                    failures.add(at + ": a trace identity compares tr ∇²L(T_α A) with Σ wₖHₖₖ(A) on one dataset");
                    continue;
                }
                BigFraction alpha = v.layerFactor(checks.get(image), 0);
                BigFraction[] w = v.vector(c.get("rhs"), at + ".rhs", "weights");
                int first = a.layers().orElseThrow()[0] * a.layers().orElseThrow()[1];
                boolean ok = w.length == a.numParameters();
                for (int k = 0; ok && k < w.length; k++) {
                    BigFraction expected = k < first ? alpha.multiply(alpha).reciprocal() : alpha.multiply(alpha);
                    ok = w[k].equals(expected);
                }
                if (!ok) {
                    failures.add(at + ": the weights are not 1/α² on the first layer and α² on the second for α of checks[" + image + "]");
                    continue;
                }
                data = c.get("lhs").path("data").asText();
                identities++;
                used[j] = true;
                used[image] = true;
            } else if (q(c, "lhs").equals("rayleigh") && isConstant(c.get("rhs"), false) && c.path("op").asText().equals(">=")) {
                Integer image = images.get(base + "\u0000" + c.get("lhs").path("net").asText());
                if (image == null || !c.path("role").asText().equals("witness") || !checks.get(image).path("role").asText().equals("witness")
                        || trivial(image)) {
                    failures.add(at + ": a bound is a witness: a Rayleigh quotient of T_α A (a witness group image, not the identity) ≥ M");
                    continue;
                }
                rayleighData.add(c.get("lhs").path("data").asText());
                bounds.add(value(c.get("rhs")));
                used[j] = true;
                used[image] = true;
            }
        }
        for (int e = 3; e <= 12; e += 3) {
            BigFraction m = new BigFraction(java.math.BigInteger.TEN.pow(e));
            if (bounds.stream().noneMatch(b -> b != null && b.compareTo(m) >= 0)) {
                failures.add("no witness with λ_max ≥ 10^" + e);
            }
        }
        if (identities == 0) {
            failures.add("no trace identity");
        } else {
            criticalPoint("the base network", base, data);
            for (String d : rayleighData) {
                if (!d.equals(data)) {
                    failures.add("a Rayleigh witness is on dataset " + d + ", not on " + data + ", where " + base + " is shown critical");
                }
            }
        }
    }

    /** Dinh et al. Thm 5 with Keskar's box: T = T_α A, L(T) = L(A), Z in T's box, ratio(T, Z) > upper bound at A. */
    private void dinhKeskar() {
        Map<String, Integer> images = images(Set.of("layer_scaling"));
        String base = oneBase(images, "dinh-keskar-sharpness");
        if (base == null) {
            return;
        }
        int box = find(c -> c.path("check").asText().equals("in_keskar_box"));
        int ratio = find(c -> isRelation(c) && q(c, "lhs").equals("keskar_ratio") && q(c, "rhs").equals("keskar_upper_bound")
                && c.path("op").asText().equals(">") && !hasFactor(c));
        if (box < 0 || ratio < 0) {
            failures.add("the claim needs an in_keskar_box check and keskar_ratio > keskar_upper_bound");
            return;
        }
        JsonNode b = checks.get(box);
        JsonNode r = checks.get(ratio);
        String t = b.path("center").asText();
        Integer image = images.get(base + "\u0000" + t);
        int loss = find(c -> isRelation(c) && q(c, "lhs").equals("loss") && q(c, "rhs").equals("loss") && !hasFactor(c)
                && c.get("lhs").path("net").asText().equals(t) && c.get("rhs").path("net").asText().equals(base)
                && c.path("op").asText().equals("=="));
        boolean ok = image != null && loss >= 0
                && epsilon(b, "epsilon").equals(KESKAR_EPSILON) && epsilon(r.get("rhs"), "epsilon").equals(KESKAR_EPSILON)
                && r.get("lhs").path("center").asText().equals(t) && r.get("lhs").path("point").equals(b.path("point"))
                && r.get("rhs").path("net").asText().equals(base) && r.get("lhs").path("data").equals(r.get("rhs").path("data"));
        for (int i : new int[] {box, ratio, loss, image == null ? -1 : image}) {
            ok &= i >= 0 && checks.get(i).path("role").asText().equals("witness");
        }
        if (!ok) {
            failures.add("the claim needs, as witnesses: T = T_α A, L(T) = L(A), a point Z in T's box with ε = 1/1000, and "
                    + "keskar_ratio(T, Z) > keskar_upper_bound(A, ε = 1/1000) on one dataset");
            return;
        }
        used[box] = used[ratio] = used[loss] = used[image] = true;
        criticalPoint("the base network", base, r.get("rhs").path("data").asText());
    }

    /** Dinh et al. Thm 2: boxes of growing volume around layer scalings of a zero-loss A, inside the ε-sublevel set. */
    private void dinhVolume() {
        Map<String, Integer> images = images(Set.of("layer_scaling"));
        String base = oneBase(images, "dinh-volume-flatness");
        if (base == null) {
            return;
        }
        int zero = find(c -> isRelation(c) && q(c, "lhs").equals("loss") && c.get("lhs").path("net").asText().equals(base)
                && isConstant(c.get("rhs"), true) && c.path("op").asText().equals("==") && !hasFactor(c));
        if (zero < 0) {
            failures.add(base + " needs L = 0 (a global minimum)");
            return;
        }
        used[zero] = true;
        String zeroData = checks.get(zero).get("lhs").path("data").asText();
        List<BigFraction> volumes = new ArrayList<>();
        for (Map.Entry<String, Integer> im : images.entrySet()) {
            String t = im.getKey().substring(im.getKey().indexOf('\u0000') + 1);
            int loss = find(c -> isRelation(c) && q(c, "lhs").equals("loss") && q(c, "rhs").equals("loss") && !hasFactor(c)
                    && c.get("lhs").path("net").asText().equals(t) && c.get("rhs").path("net").asText().equals(base)
                    && c.get("lhs").path("data").asText().equals(zeroData) && c.get("rhs").path("data").asText().equals(zeroData));
            int inBox = find(c -> c.path("check").asText().equals("in_box") && c.path("net").asText().equals(t));
            if (loss < 0 || inBox < 0) {
                continue;
            }
            JsonNode lo = checks.get(inBox).path("lo");
            JsonNode hi = checks.get(inBox).path("hi");
            int bound = find(c -> isRelation(c) && q(c, "lhs").equals("loss_upper_bound_on_box") && !hasFactor(c)
                    && c.get("lhs").path("net").asText().equals(t) && c.get("lhs").path("lo").equals(lo) && c.get("lhs").path("hi").equals(hi)
                    && c.get("lhs").path("data").asText().equals(zeroData)
                    && c.path("op").asText().equals("<=") && isConstant(c.get("rhs"), false)
                    && Q.parse(c.get("rhs").path("value").asText()).equals(VOLUME_EPSILON));
            int volume = find(c -> isRelation(c) && q(c, "lhs").equals("box_volume") && !hasFactor(c)
                    && c.get("lhs").path("lo").equals(lo) && c.get("lhs").path("hi").equals(hi)
                    && c.path("op").asText().equals("==") && isConstant(c.get("rhs"), false));
            if (bound < 0 || volume < 0) {
                continue;
            }
            for (int i : new int[] {im.getValue(), loss, inBox, bound, volume}) {
                used[i] = true;
            }
            BigFraction v = value(checks.get(volume).get("rhs"));
            if (v == null || v.getNumerator().signum() <= 0) {
                failures.add("checks[" + volume + "]: a box of volume " + (v == null ? "?" : Q.format(v)) + "; the claim's boxes have positive volume");
                continue;
            }
            volumes.add(v);
        }
        volumes.sort(null);
        if (volumes.size() < 3 || volumes.get(volumes.size() - 1).compareTo(volumes.get(0).multiply(1000)) < 0) {
            failures.add("the claim needs at least 3 boxes in the sublevel set {L ≤ ε = 1/100}, the largest at least 1000 times "
                    + "the smallest in volume (found " + volumes.size() + ")");
        }
    }

    /** Meng et al.: per network, rank = m − H, a basis of that many skeleton paths, the exponent identity. */
    private void mengBasisPaths() {
        Set<String> nets = new LinkedHashSet<>();
        for (JsonNode c : checks) {
            if (c.path("check").asText().equals("exponent_identity")) {
                nets.add(c.path("net").asText());
            }
        }
        if (nets.isEmpty()) {
            failures.add("no network is checked");
        }
        for (String n : nets) {
            int identity = find(c -> c.path("check").asText().equals("exponent_identity") && c.path("net").asText().equals(n));
            int rank = find(c -> isRelation(c) && q(c, "lhs").equals("incidence_rank") && q(c, "rhs").equals("sum")
                    && c.get("lhs").path("net").asText().equals(n) && !c.get("lhs").path("biases").asBoolean(false)
                    && isMMinusH(c.get("rhs"), n) && c.path("op").asText().equals("==") && !c.get("lhs").has("factor"));
            int basisRank = find(c -> isRelation(c) && q(c, "lhs").equals("paths_rank") && c.get("lhs").path("net").asText().equals(n)
                    && c.get("lhs").path("paths").equals(checks.get(identity).path("basis")) && isConstant(c.get("rhs"), false)
                    && c.path("op").asText().equals("==") && !hasFactor(c));
            int full = find(c -> isRelation(c) && isConstant(c.get("lhs"), false) && q(c, "rhs").equals("incidence_rank")
                    && c.get("rhs").path("net").asText().equals(n) && !c.get("rhs").path("biases").asBoolean(false)
                    && c.path("op").asText().equals("==") && !hasFactor(c));
            boolean ok = rank >= 0 && basisRank >= 0 && full >= 0
                    && java.util.Objects.equals(value(checks.get(basisRank).get("rhs")), value(checks.get(full).get("lhs")))
                    && new BigFraction(checks.get(identity).path("basis").size()).equals(value(checks.get(full).get("lhs")));
            if (!ok) {
                failures.add("network " + n + ": the claim needs incidence_rank = count(weights) − count(hidden), the basis paths "
                        + "of its exponent identity of that rank, as many as the rank");
                continue;
            }
            used[identity] = used[rank] = used[basisRank] = used[full] = true;
        }
    }

    private boolean isMMinusH(JsonNode sum, String n) {
        JsonNode t = sum.path("terms");
        return t.size() == 2 && t.get(0).path("q").asText().equals("count") && t.get(0).path("what").asText().equals("weights")
                && t.get(0).path("net").asText().equals(n) && !t.get(0).has("factor")
                && t.get(1).path("q").asText().equals("count") && t.get(1).path("what").asText().equals("hidden")
                && t.get(1).path("net").asText().equals(n) && t.get(1).path("factor").asText().equals("-1");
    }

    /**
     * Meng et al.: instances (same path values ⇒ a rescaling maps A onto B) on bias-free networks with nonzero
     * weights of one sign pattern; and the witness that the sign condition is needed: equal path values,
     * different sign patterns, different outputs.
     */
    private void mengPathValues() {
        Map<String, Integer> images = images(Set.of("node_rescaling"));
        int instances = 0;
        for (int i = 0; i < checks.size(); i++) {
            JsonNode c = checks.get(i);
            if (!c.path("check").asText().equals("same_path_values") || !c.path("role").asText().equals("instance")) {
                continue;
            }
            String a = c.path("a").asText();
            String b = c.path("b").asText();
            Integer image = images.get(a + "\u0000" + b);
            if (image == null || !checks.get(image).path("role").asText().equals("instance") || !sameSigns(a, b)) {
                failures.add("checks[" + i + "]: an instance is a pair of bias-free networks with nonzero weights of one sign "
                        + "pattern, equal path values, and a rescaling that maps one onto the other");
                continue;
            }
            if (trivial(image)) {
                failures.add("checks[" + i + "]: the element of checks[" + image + "] leaves the network unchanged (an identity), "
                        + "which is no evidence about the symmetry");
                continue;
            }
            used[i] = true;
            used[image] = true;
            instances++;
        }
        int witness = -1;
        for (int i = 0; i < checks.size() && witness < 0; i++) {
            JsonNode c = checks.get(i);
            if (c.path("check").asText().equals("same_path_values") && c.path("role").asText().equals("witness")) {
                String a = c.path("a").asText();
                String b = c.path("b").asText();
                int differ = find(r -> isRelation(r) && q(r, "lhs").equals("output") && q(r, "rhs").equals("output") && !hasFactor(r)
                        && r.path("op").asText().equals("!=") && r.path("role").asText().equals("witness")
                        && r.get("lhs").path("net").asText().equals(a) && r.get("rhs").path("net").asText().equals(b)
                        && r.get("lhs").path("input").equals(r.get("rhs").path("input")));
                if (differ >= 0 && !sameSigns(a, b)) {
                    witness = i;
                    used[i] = true;
                    used[differ] = true;
                }
            }
        }
        if (instances == 0 || witness < 0) {
            failures.add("the claim needs instances of the equivalence and the witness that the sign condition is needed");
        }
    }

    private boolean sameSigns(String a, String b) {
        Network x = v.networkNamed(a);
        Network y = v.networkNamed(b);
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
    private void skeletons() {
        int distinct = 0;
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || !q(c, "lhs").equals("psi_trace")) {
                continue;
            }
            JsonNode lhs = c.get("lhs");
            JsonNode rhs = c.get("rhs");
            String op = c.path("op").asText();
            String role = c.path("role").asText();
            boolean ok = q(c, "rhs").equals("psi_trace") && !hasFactor(c) && lhs.path("net").equals(rhs.path("net"))
                    && lhs.path("data").equals(rhs.path("data")) && !lhs.path("skeleton").equals(rhs.path("skeleton"))
                    && (op.equals("==") && role.equals("instance") || op.equals("!=") && role.equals("counterexample"));
            if (!ok) {
                failures.add("checks[" + j + "]: the claim compares the PSI trace of one network on one dataset under two "
                        + "different skeletons (\"==\" instance, \"!=\" counterexample)");
                continue;
            }
            counterexample |= op.equals("!=");
            used[j] = true;
            criticalPoint("checks[" + j + "]", lhs.path("net").asText(), lhs.path("data").asText());
            // Two skeleton names that pick the same basis paths compute the same trace: such an instance is
            // true but shows nothing, so it is allowed and not counted.
            distinct += pathSet(lhs.path("basis")).equals(pathSet(rhs.path("basis"))) ? 0 : 1;
        }
        if (!counterexample && distinct == 0) {
            failures.add("no instance compares two different sets of basis paths (skeletons that pick the same paths agree "
                    + "trivially)");
        }
    }

    /**
     * Kwon et al.: the adaptive trace and (Tu)ᵀ∇²L(Tu) on both ends of a node rescaling, and the loss at points of
     * the box |y| ≤ ρ|θ| (ρ = 1/100) and at their images under the same element.
     */
    private void kwon() {
        invariance(Set.of("adaptive_trace", "adaptive_d2", "loss"), Set.of("node_rescaling"), false);
        Map<String, JsonNode> elements = new HashMap<>();
        for (JsonNode c : checks) {
            if (c.path("check").asText().equals("group_image")
                    && elements.put(c.path("from").asText(), c.path("element")) != null) {
                failures.add("network " + c.path("from").asText() + " starts two group images; each point of the box is moved "
                        + "by one element, the one of its center");
            }
        }
        Set<String> traced = new HashSet<>();
        for (JsonNode c : checks) {
            if (isRelation(c) && q(c, "lhs").equals("adaptive_trace")) {
                traced.add(c.get("lhs").path("net").asText());
            }
        }
        for (int j = 0; j < checks.size(); j++) {
            JsonNode c = checks.get(j);
            if (!isRelation(c) || !q(c, "lhs").equals("loss")) {
                continue;
            }
            String y = c.get("lhs").path("net").asText();
            boolean inBox = traced.stream().anyMatch(a -> inRhoBox(y, a) && elements.get(a) != null && elements.get(y) != null
                    && elements.get(a).path("scales").equals(elements.get(y).path("scales")));
            if (!inBox) {
                failures.add("checks[" + j + "]: " + y + " is not a point of the box |y| ≤ ρ|θ| (ρ = 1/100) of a network whose "
                        + "adaptive trace is checked, moved by the same element");
            }
        }
    }

    private boolean inRhoBox(String point, String center) {
        Network p = v.networkNamed(point);
        Network c = v.networkNamed(center);
        if (p == null || c == null || p.numParameters() != c.numParameters() || point.equals(center)) {
            return false;
        }
        BigFraction[] x = p.parameters();
        BigFraction[] t = c.parameters();
        for (int k = 0; k < x.length; k++) {
            if (x[k].subtract(t[k]).abs().compareTo(t[k].abs().multiply(KWON_RHO)) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keskar et al., empirical: the three sign tests (Hessian trace first, then the adaptive and PSI traces, the
     * PSI trace on the diagonal skeleton), and for every network in a pair its stationarity, exact ‖∇L‖² at most
     * the threshold of the pair's task.
     */
    private void keskar() {
        List<Integer> tests = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i).path("check").asText().equals("sign_test")) {
                tests.add(i);
            }
        }
        List<String> measures = tests.stream().map(i -> checks.get(i).path("measure").asText()).toList();
        if (!measures.equals(EMPIRICAL_MEASURES)) {
            failures.add("the claim's sign tests are " + EMPIRICAL_MEASURES + ", in that order; the certificate has " + measures);
            return;
        }
        for (int i : tests) {
            used[i] = true;
            JsonNode pairs = checks.get(i).path("pairs");
            for (int k = 0; k < pairs.size(); k++) {
                JsonNode p = pairs.get(k);
                String task = p.path("task").asText();
                BigFraction threshold = STATIONARY.get(task);
                for (String side : List.of("large", "small")) {
                    JsonNode q = p.get(side);
                    if (threshold == null || !q.path("data").asText().equals(task)
                            || q.path("q").asText().equals("psi_trace") && !q.path("skeleton").asText().equals("diagonal")) {
                        failures.add("checks[" + i + "].pairs[" + k + "]: a pair of task " + task + " on its own dataset (tasks: "
                                + new TreeSet<>(STATIONARY.keySet()) + "; PSI on the diagonal skeleton)");
                        continue;
                    }
                    String net = q.path("net").asText();
                    int stationary = find(c -> isRelation(c) && q(c, "lhs").equals("gradient_norm_squared") && !hasFactor(c)
                            && c.get("lhs").path("net").asText().equals(net) && c.get("lhs").path("data").asText().equals(task)
                            && c.path("op").asText().equals("<=") && isConstant(c.get("rhs"), false)
                            && Q.parse(c.get("rhs").path("value").asText()).equals(threshold));
                    if (stationary < 0) {
                        failures.add("checks[" + i + "].pairs[" + k + "]: " + net + " needs its stationarity check, exact ‖∇L‖² ≤ "
                                + Q.format(threshold));
                        continue;
                    }
                    used[stationary] = true;
                }
            }
        }
    }

    // ---- helpers ----

    /** The one network every group image starts from. */
    private String oneBase(Map<String, Integer> images, String claim) {
        Set<String> bases = new TreeSet<>();
        images.keySet().forEach(k -> bases.add(k.substring(0, k.indexOf('\u0000'))));
        if (bases.size() != 1 || v.networkNamed(bases.iterator().next()) == null) {
            failures.add("claim " + claim + " scales one network; the certificate's group images start from " + bases);
            return null;
        }
        return bases.iterator().next();
    }

    /** The single number a constant quantity states (a string or a JSON integer), or null. */
    private static BigFraction value(JsonNode q) {
        JsonNode v = q.path("value");
        try {
            return v.isTextual() ? Q.parse(v.asText()) : v.isIntegralNumber() ? new BigFraction(v.bigIntegerValue()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A list of paths (arrays of node names) as a set of their string forms. */
    private static Set<String> pathSet(JsonNode paths) {
        Set<String> out = new HashSet<>();
        paths.forEach(p -> out.add(p.toString()));
        return out;
    }

    private int find(java.util.function.Predicate<JsonNode> p) {
        for (int i = 0; i < checks.size(); i++) {
            if (p.test(checks.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isRelation(JsonNode c) {
        return c.path("check").asText().equals("relation") && c.has("lhs") && c.has("rhs");
    }

    private static String q(JsonNode c, String side) {
        return c.path(side).path("q").asText();
    }

    private static boolean hasFactor(JsonNode c) {
        return c.path("lhs").has("factor") || c.path("rhs").has("factor");
    }

    /** A constant without a factor; with {@code zero}, every entry 0. */
    private static boolean isConstant(JsonNode q, boolean zero) {
        if (!q.path("q").asText().equals("constant") || q.has("factor")) {
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
            return Q.parse(x.asText()).getNumerator().signum() == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static BigFraction epsilon(JsonNode node, String field) {
        try {
            return Q.parse(node.path(field).asText());
        } catch (NumberFormatException e) {
            return BigFraction.MINUS_ONE;
        }
    }
}
