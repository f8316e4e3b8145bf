package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.InputError;
import org.flatcheck.io.JsonInput;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;
import org.flatcheck.network.Node.Kind;

/**
 * Re-checks a claim certificate from its contents alone (format {@value #FORMAT}). Every quantity a
 * check mentions carries the value the prover recorded; the checker recomputes it with
 * {@link IndependentEvaluator} (its own forward pass, Taylor jets and interval arithmetic, sharing no
 * code with the {@code calculus}, {@code exact.Spectrum} or {@code measures} that produced it),
 * rejects any difference, then evaluates the check's relation on the values. The verdict must agree
 * with the checks' roles: a REFUTED certificate needs at least one {@code counterexample} check, a
 * HOLDS certificate has none. The mathematical argument that the checks establish the verdict is the
 * certificate's {@code argument} text and its proof file; the checker establishes that every stated
 * fact is true.
 *
 * <p>Malformed certificates (missing fields, unknown kinds, non-rational values, unknown references)
 * raise {@link InputError}; well-formed ones with a false fact give an invalid {@link Result}.
 */
public final class CertificateVerifier {
    /** The format tag every certificate carries. */
    public static final String FORMAT = "flatcheck-certificate/1";

    private static final Set<String> TOP_KEYS = Set.of("format", "claim", "kind", "source", "statement", "verdict",
            "tool_version", "seed", "proof", "argument", "networks", "datasets", "checks", "inputs", "statistics");
    private static final String FIX = "certificates are written by 'flatcheck prove'; see docs/certificates.md for the format";

    private final JsonInput in;
    private final Map<String, Network> networks = new HashMap<>();
    private final Map<String, Dataset> datasets = new HashMap<>();
    private final List<String> failures = new ArrayList<>();
    /**
     * The loss's jets along every coordinate direction (gradient and Hessian diagonal), by network and dataset
     * name (a certificate's names are unique), computed once per certificate.
     */
    private final Map<String, Jet[]> coordinateJets = new HashMap<>();

    /** The outcome: valid, or the facts that failed (one line each). */
    public record Result(String claim, String verdict, int checks, List<String> failures) {
        public boolean valid() {
            return failures.isEmpty();
        }
    }

    private final Map<String, ClaimSpec> claims;
    private final long maxWork;

    private CertificateVerifier(JsonInput in, Map<String, ClaimSpec> claims, long maxWork) {
        this.in = in;
        this.claims = claims;
        this.maxWork = maxWork;
    }

    /** The default bound on a certificate's estimated re-checking work, in word operations ({@code --max-check-work}). */
    public static final long DEFAULT_MAX_WORK = CheckCost.DEFAULT_LIMIT;

    /** Like {@link #verify(Path, Map)} with a bound on the estimated work ({@link TooLarge} above it). */
    public static Result verify(Path file, Map<String, ClaimSpec> claims, long maxWork) {
        return new CertificateVerifier(JsonInput.read(file), claims, maxWork).run();
    }

    /**
     * Reads and checks a certificate file against the claims flatcheck knows ({@code claims}, by id): the
     * certificate must name one of them, carry its kind and texts, and hold the evidence that claim needs
     * ({@link Evidence}), every stated fact recomputed.
     */
    public static Result verify(Path file, Map<String, ClaimSpec> claims) {
        return new CertificateVerifier(JsonInput.read(file), claims, DEFAULT_MAX_WORK).run();
    }

    /**
     * Checks only the stated facts of a parsed certificate, not whether they establish a claim: for tests of
     * the checker's arithmetic on hand-written certificates.
     */
    static Result facts(Path label, JsonNode root) {
        return new CertificateVerifier(JsonInput.embedded(label, "", root), null, DEFAULT_MAX_WORK).run();
    }

    /** Checks a certificate already parsed ({@code label} names it in errors), against the known claims. */
    public static Result verify(Path label, JsonNode root, Map<String, ClaimSpec> claims) {
        return new CertificateVerifier(JsonInput.embedded(label, "", root), claims, DEFAULT_MAX_WORK).run();
    }

    private Result run() {
        JsonNode root = in.root;
        in.onlyKeys(root, "", TOP_KEYS);
        String format = in.string(in.required(root, "", "format", FIX), "format", FIX);
        if (!FORMAT.equals(format)) {
            throw in.error("format", "is \"" + shorten(format) + "\", this flatcheck reads \"" + FORMAT + "\"",
                    "re-create the certificate with this version's 'flatcheck prove'");
        }
        String claim = in.string(in.required(root, "", "claim", FIX), "claim", FIX);
        String kindName = in.string(in.required(root, "", "kind", FIX), "kind", FIX);
        ClaimKind kind = ClaimKind.of(kindName);
        if (kind == null) {
            throw in.error("kind", "is \"" + shorten(kindName) + "\"", "a kind is theorem, extension or empirical");
        }
        String verdict = in.string(in.required(root, "", "verdict", FIX), "verdict", FIX);
        if (!kind.verdicts().contains(verdict)) {
            throw in.error("verdict", "is \"" + shorten(verdict) + "\"", "a verdict of a " + kind.key() + " claim is one of "
                    + String.join(", ", kind.verdicts()));
        }
        ClaimSpec spec = claims == null ? null : claims.get(claim);
        if (claims != null && (spec == null || !Evidence.knows(claim))) {
            throw in.error("claim", "is \"" + shorten(claim) + "\", which is not a claim of this flatcheck",
                    "'flatcheck prove --list' names the claims");
        }
        if (kind != ClaimKind.EMPIRICAL && root.has("statistics")) {
            failures.add("statistics in a " + kind.key() + " certificate: only an empirical claim's verdict comes from a statistical test");
        }
        if (spec != null && spec.kind() != kind) {
            failures.add("claim " + shorten(claim) + " is a " + spec.kind().key() + " claim, the certificate says " + kind.key());
        }
        String source = spec == null ? null : in.string(in.required(root, "", "source", FIX), "source", FIX);
        JsonNode statement = spec == null ? null : in.required(root, "", "statement", FIX);
        if (spec != null && (!source.equals(spec.source()) || !statement.path("paper").asText().equals(spec.paper())
                || !statement.path("checked").asText().equals(spec.checked()) || statement.size() != 2)) {
            failures.add("the source or statement is not claim " + claim + "'s own (a certificate may not restate its claim)");
        }
        JsonNode nets = root.get("networks");
        if (nets != null) {
            nets.fields().forEachRemaining(e -> networks.put(e.getKey(), readNetwork(e.getKey(), e.getValue())));
        }
        JsonNode data = root.get("datasets");
        if (data != null) {
            data.fields().forEachRemaining(e -> datasets.put(e.getKey(), readDataset(e.getKey(), e.getValue())));
        }
        List<JsonNode> checks = in.array(in.required(root, "", "checks", FIX), "checks", FIX);
        if (checks.isEmpty()) {
            throw in.error("checks", "is empty", "a certificate states at least one checkable fact");
        }
        int counterexamples = 0;
        List<String> tested = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            String path = "checks[" + i + "]";
            JsonNode c = checks.get(i);
            String role = in.string(in.required(c, path, "role", FIX), path + ".role", FIX);
            if (!Set.of("instance", "witness", "counterexample").contains(role)) {
                throw in.error(path + ".role", "is \"" + role + "\"", "a role is instance, witness or counterexample");
            }
            counterexamples += role.equals("counterexample") ? 1 : 0;
            if (kind == ClaimKind.EMPIRICAL && !role.equals("instance")) {
                throw in.error(path + ".role", "is \"" + role + "\" in an empirical certificate",
                        "an empirical claim's checks are instances; its verdict comes from its sign_test checks");
            }
            if (c.path("check").asText().equals("sign_test")) {
                if (kind != ClaimKind.EMPIRICAL) {
                    throw in.error(path + ".check", "is sign_test in a " + kind.key() + " certificate",
                            "only empirical claims are decided by a statistical test");
                }
                tested.add(path);
            }
            CheckKeys.check(in, c, path);
            references(c, path);
        }
        // The cost first (from sizes and bit lengths alone), then the structure: a certificate whose checks cannot
        // establish its claim is rejected before any (possibly long) recomputation.
        long work = CheckCost.of(this, checks);
        if (work > maxWork) {
            throw new TooLarge("re-checking this certificate takes about " + work + " word operations (from the sizes and "
                    + "bit lengths of its networks, data and numbers); the checker does at most " + maxWork
                    + " (--max-check-work)");
        }
        if (spec != null) {
            failures.addAll(Evidence.check(this, claim, kind, verdict, checks));
        }
        if (kind == ClaimKind.EMPIRICAL) {
            empiricalVerdict(root, verdict, tested, checks); // against the recorded results, recomputed below
        }
        if (!failures.isEmpty()) {
            return new Result(claim, verdict, checks.size(), List.copyOf(failures));
        }
        for (int i = 0; i < checks.size(); i++) {
            String path = "checks[" + i + "]";
            try {
                check(checks.get(i), path);
            } catch (IndependentEvaluator.Kink e) {
                failures.add(path + ": " + e.getMessage() + ", so the loss has no derivatives there");
            } catch (UndefinedQuantity e) {
                failures.add(path + ": " + e.getMessage());
            }
        }
        // (an empirical verdict was held to the recorded results above; each result is recomputed by its check)
        if (kind != ClaimKind.EMPIRICAL && verdict.equals("REFUTED") && counterexamples == 0) {
            failures.add("verdict REFUTED but no check has role counterexample");
        } else if (kind != ClaimKind.EMPIRICAL && verdict.equals("HOLDS") && counterexamples > 0) {
            failures.add("verdict HOLDS but " + counterexamples + " check(s) have role counterexample");
        }
        return new Result(claim, verdict, checks.size(), List.copyOf(failures));
    }

    /**
     * Resolves every network and dataset a check names, and that each dataset fits its network, before any
     * rule or recomputation: a dangling name or a mis-sized dataset makes the file malformed (exit 2), never a
     * structural failure (exit 1) reported in its place.
     */
    private void references(JsonNode c, String path) {
        for (String field : List.of("from", "to", "a", "b", "center", "point", "net")) {
            if (c.has(field)) {
                net(c, path, field);
            }
        }
        numbers(c, path);
        for (String side : List.of("lhs", "rhs")) {
            if (c.has(side)) {
                quantityReferences(c.get(side), path + "." + side);
            }
        }
        JsonNode pairs = c.path("pairs");
        for (int i = 0; i < pairs.size(); i++) {
            quantityReferences(pairs.get(i).path("large"), path + ".pairs[" + i + "].large");
            quantityReferences(pairs.get(i).path("small"), path + ".pairs[" + i + "].small");
        }
    }

    /** Parses every number field of a check or quantity, so that a non-number is malformed before any rule runs. */
    private void numbers(JsonNode node, String path) {
        if (node.path("check").asText().equals("relation") && node.has("op")
                && !Set.of("==", "!=", "<", "<=", ">", ">=").contains(node.get("op").asText())) {
            throw in.error(path + ".op", "is \"" + shorten(node.get("op").asText()) + "\"", "an op is ==, !=, <, <=, > or >=");
        }
        for (String field : List.of("value", "factor", "epsilon", "lo", "hi", "input", "weights", "u")) {
            JsonNode x = node.get(field);
            if (x != null && !(field.equals("u") && x.isTextual() && x.asText().equals("theta"))) {
                values(x, path + "." + field);
            }
        }
    }

    private void quantityReferences(JsonNode q, String path) {
        if (!q.isObject()) {
            return; // reported where the quantity is read
        }
        List<Network> nets = new ArrayList<>();
        for (String field : List.of("net", "center", "point")) {
            if (q.has(field)) {
                nets.add(net(q, path, field));
            }
        }
        if (q.has("data")) {
            data(q, path, nets.toArray(Network[]::new));
        }
        numbers(q, path);
        JsonNode terms = q.path("terms");
        for (int i = 0; i < terms.size(); i++) {
            quantityReferences(terms.get(i), path + ".terms[" + i + "]");
        }
    }

    /**
     * An empirical certificate's verdict and {@code statistics} are those of its first sign test (the
     * deciding measure), which the checker recomputed: equal, key by key.
     */
    private void empiricalVerdict(JsonNode root, String verdict, List<String> tested, List<JsonNode> checks) {
        if (tested.isEmpty()) {
            failures.add("an empirical certificate needs a sign_test check to decide its verdict");
            return;
        }
        JsonNode first = checks.get(Integer.parseInt(tested.get(0).replaceAll("\\D", "")));
        JsonNode result = first.get("result");
        if (result == null || !verdict.equals(result.path("verdict").asText())) {
            failures.add("verdict " + verdict + " is not the verdict of the deciding sign test (" + tested.get(0) + ")");
        }
        JsonNode stats = in.required(root, "", "statistics", FIX);
        if (stats.path("verdicts").size() != tested.size()) {
            failures.add("statistics.verdicts names " + stats.path("verdicts").size() + " measures, the certificate tests "
                    + tested.size());
        }
        for (String t : tested) {
            JsonNode c = checks.get(Integer.parseInt(t.replaceAll("\\D", "")));
            String m = c.path("measure").asText();
            if (!stats.path("verdicts").path(m).equals(c.path("result").path("verdict"))) {
                failures.add("statistics.verdicts." + m + " is not the verdict of " + t);
            }
        }
        if (result != null) {
            result.fields().forEachRemaining(e -> {
                if (!SignTestCheck.same(e.getValue(), stats.get(e.getKey()))) {
                    failures.add("statistics." + e.getKey() + " is not the deciding sign test's " + e.getKey());
                }
            });
        }
    }

    private Network readNetwork(String name, JsonNode node) {
        try {
            return NetworkJson.read(in.file(), "networks." + name, node);
        } catch (IllegalArgumentException e) {
            throw in.error("networks." + name, "is not a valid network: " + e.getMessage(), "fix the network");
        }
    }

    private Dataset readDataset(String name, JsonNode node) {
        return DatasetJson.read(in.file(), "datasets." + name, node);
    }

    private void check(JsonNode c, String path) {
        String kind = in.string(in.required(c, path, "check", FIX), path + ".check", FIX);
        switch (kind) {
            case "relation" -> relation(c, path);
            case "group_image" -> groupImage(c, path);
            case "same_path_values" -> samePathValues(c, path);
            case "in_keskar_box" -> inKeskarBox(c, path);
            case "exponent_identity" -> exponentIdentity(c, path);
            case "in_box" -> inBox(c, path);
            case "sign_test" -> signTest(c, path);
            default -> throw in.error(path + ".check", "is \"" + kind + "\"",
                    "a check is relation, group_image, same_path_values, in_keskar_box, in_box, exponent_identity or sign_test");
        }
    }

    // ---- relations between recomputed quantities ----

    private void relation(JsonNode c, String path) {
        BigFraction[] lhs = quantity(in.required(c, path, "lhs", FIX), path + ".lhs");
        BigFraction[] rhs = quantity(in.required(c, path, "rhs", FIX), path + ".rhs");
        String op = in.string(in.required(c, path, "op", FIX), path + ".op", FIX);
        if (lhs == null || rhs == null) {
            return; // a recorded value was wrong: already a failure
        }
        boolean holds;
        if (op.equals("==") || op.equals("!=")) {
            holds = Arrays.equals(lhs, rhs) == op.equals("==");
        } else {
            if (lhs.length != 1 || rhs.length != 1) {
                throw in.error(path + ".op", "\"" + op + "\" compares vectors", "use == or != for vectors");
            }
            int s = lhs[0].compareTo(rhs[0]);
            holds = switch (op) {
                case "<" -> s < 0;
                case "<=" -> s <= 0;
                case ">" -> s > 0;
                case ">=" -> s >= 0;
                default -> throw in.error(path + ".op", "is \"" + op + "\"", "an op is ==, !=, <, <=, > or >=");
            };
        }
        if (!holds) {
            failures.add(path + ": " + show(lhs) + " " + op + " " + show(rhs) + " is false");
        }
    }

    /** Recomputes a quantity, compares with its recorded value; null (and a failure) on a mismatch. */
    private BigFraction[] quantity(JsonNode q, String path) {
        BigFraction[] value;
        try {
            value = compute(q, path);
        } catch (Mismatch m) {
            return null;
        }
        JsonNode factor = q.get("factor");
        if (factor != null) {
            BigFraction f = in.rational(factor, path + ".factor");
            for (int i = 0; i < value.length; i++) {
                value[i] = value[i].multiply(f);
            }
        }
        BigFraction[] recorded = values(in.required(q, path, "value", FIX), path + ".value");
        if (!Arrays.equals(value, recorded)) {
            failures.add(path + ": " + in.string(q.get("q"), path + ".q", FIX) + " recomputes to " + show(value)
                    + ", the certificate says " + show(recorded));
            return null;
        }
        return value;
    }

    private BigFraction[] compute(JsonNode q, String path) {
        String kind = in.string(in.required(q, path, "q", FIX), path + ".q", FIX);
        return switch (kind) {
            case "constant" -> values(in.required(q, path, "value", FIX), path + ".value");
            case "loss" -> {
                Network n = net(q, path, "net");
                yield one(IndependentEvaluator.loss(n, data(q, path, n)));
            }
            case "output" -> {
                Network n = net(q, path, "net");
                yield IndependentEvaluator.outputs(n, input(q, path, n));
            }
            case "output_d1" -> {
                Network n = net(q, path, "net");
                Jet[] y = IndependentEvaluator.outputsAlong(n, input(q, path, n), direction(q, path, n));
                yield Arrays.stream(y).map(Jet::a1).toArray(BigFraction[]::new);
            }
            case "d1" -> {
                Network n = net(q, path, "net");
                yield one(IndependentEvaluator.lossAlong(n, data(q, path, n), direction(q, path, n)).a1());
            }
            case "d2" -> {
                Network n = net(q, path, "net");
                yield one(IndependentEvaluator.lossAlong(n, data(q, path, n), direction(q, path, n)).second());
            }
            case "rayleigh" -> {
                Network n = net(q, path, "net");
                BigFraction[] u = direction(q, path, n);
                BigFraction norm = BigFraction.ZERO;
                for (BigFraction x : u) {
                    norm = norm.add(x.multiply(x));
                }
                if (norm.getNumerator().signum() == 0) {
                    throw in.error(path + ".u", "is the zero vector", "a Rayleigh quotient needs u ≠ 0");
                }
                yield one(IndependentEvaluator.lossAlong(n, data(q, path, n), u).second().divide(norm));
            }
            case "hessian_trace" -> one(sum(hessianDiagonal(q, path), null));
            case "gradient" -> gradient(q, path);
            case "gradient_norm_squared" -> {
                BigFraction s = BigFraction.ZERO;
                for (BigFraction g : gradient(q, path)) {
                    s = s.add(g.multiply(g));
                }
                yield one(s);
            }
            case "weighted_hessian_trace" -> {
                Network n = net(q, path, "net");
                BigFraction[] w = vector(q, path, "weights");
                expectLength(path + ".weights", w.length, n.numParameters());
                yield one(sum(hessianDiagonal(q, path), w));
            }
            case "fisher_rao" -> {
                Network n = net(q, path, "net");
                Dataset d = data(q, path, n);
                BigFraction s = BigFraction.ZERO;
                for (Jet j : IndependentEvaluator.pointLossJets(n, d, IndependentEvaluator.line(n, n.parameters()))) {
                    s = s.add(j.a1().multiply(j.a1()));
                }
                yield one(s.divide(d.size()));
            }
            case "path_value" -> {
                Network n = net(q, path, "net");
                yield one(IndependentEvaluator.pathValue(n, pathNodes(n, q.get("path"), path + ".path")));
            }
            case "incidence_rank" -> {
                Network n = net(q, path, "net");
                List<int[]> paths = IndependentEvaluator.paths(n, q.path("biases").asBoolean(false));
                BigFraction[][] m = new BigFraction[paths.size()][n.numParameters()];
                for (int i = 0; i < m.length; i++) {
                    Arrays.fill(m[i], BigFraction.ZERO);
                    int[] p = paths.get(i);
                    for (int j = 0; j + 1 < p.length; j++) {
                        m[i][IndependentEvaluator.edgeIndex(n, p[j], p[j + 1])] = BigFraction.ONE;
                    }
                }
                yield one(new BigFraction(IndependentEvaluator.rank(m)));
            }
            case "count" -> {
                Network n = net(q, path, "net");
                String what = in.string(in.required(q, path, "what", FIX), path + ".what", FIX);
                long count = switch (what) {
                    case "parameters" -> n.numParameters();
                    case "weights" -> n.edges().stream().filter(e -> !e.isBias()).count();
                    case "hidden" -> n.numHidden();
                    case "paths" -> IndependentEvaluator.paths(n, false).size();
                    default -> throw in.error(path + ".what", "is \"" + what + "\"", "count parameters, weights, hidden or paths");
                };
                yield one(new BigFraction(count));
            }
            case "loss_upper_bound_on_box" -> {
                Network n = net(q, path, "net");
                BigFraction[] lo = vector(q, path, "lo");
                BigFraction[] hi = vector(q, path, "hi");
                expectLength(path + ".lo", lo.length, n.numParameters());
                expectLength(path + ".hi", hi.length, n.numParameters());
                for (int k = 0; k < lo.length; k++) {
                    if (lo[k].compareTo(hi[k]) > 0) {
                        throw in.error(path + ".lo[" + k + "]", "is above hi[" + k + "]", "give lo ≤ hi");
                    }
                }
                yield one(IndependentEvaluator.lossUpperBoundOnBox(n, data(q, path, n), lo, hi));
            }
            case "box_volume" -> {
                BigFraction[] lo = vector(q, path, "lo");
                BigFraction[] hi = vector(q, path, "hi");
                expectLength(path + ".hi", hi.length, lo.length);
                BigFraction v = BigFraction.ONE;
                for (int k = 0; k < lo.length; k++) {
                    v = v.multiply(hi[k].subtract(lo[k]));
                }
                yield one(v);
            }
            case "keskar_ratio" -> {
                Network center = net(q, path, "center");
                Network point = net(q, path, "point");
                Dataset d = data(q, path, center, point);
                BigFraction l0 = IndependentEvaluator.loss(center, d);
                BigFraction l1 = IndependentEvaluator.loss(point, d);
                yield one(l1.subtract(l0).multiply(100).divide(l0.add(BigFraction.ONE)));
            }
            case "paths_rank" -> {
                Network n = net(q, path, "net");
                List<JsonNode> ps = in.array(in.required(q, path, "paths", FIX), path + ".paths", FIX);
                BigFraction[][] m = new BigFraction[ps.size()][n.numParameters()];
                for (int i = 0; i < m.length; i++) {
                    Arrays.fill(m[i], BigFraction.ZERO);
                    int[] p = pathNodes(n, ps.get(i), path + ".paths[" + i + "]");
                    for (int j = 0; j + 1 < p.length; j++) {
                        m[i][IndependentEvaluator.edgeIndex(n, p[j], p[j + 1])] = BigFraction.ONE;
                    }
                }
                yield one(new BigFraction(IndependentEvaluator.rank(m)));
            }
            case "keskar_upper_bound" -> {
                Network n = net(q, path, "net");
                Dataset d = data(q, path, n);
                BigFraction eps = in.rational(in.required(q, path, "epsilon", FIX), path + ".epsilon");
                BigFraction[] theta = n.parameters();
                BigFraction[] lo = new BigFraction[theta.length];
                BigFraction[] hi = new BigFraction[theta.length];
                for (int k = 0; k < theta.length; k++) {
                    BigFraction r = eps.multiply(theta[k].abs().add(BigFraction.ONE));
                    lo[k] = theta[k].subtract(r);
                    hi[k] = theta[k].add(r);
                }
                BigFraction l = IndependentEvaluator.loss(n, d);
                yield one(IndependentEvaluator.lossUpperBoundOnBox(n, d, lo, hi).subtract(l).multiply(100).divide(l.add(BigFraction.ONE)));
            }
            case "quotient_hessian_trace" -> {
                Network n = net(q, path, "net");
                yield one(sum(hessianDiagonal(q, path), quotientWeights(n, path)));
            }
            case "adaptive_trace" -> {
                Network n = net(q, path, "net");
                BigFraction[] theta = n.parameters();
                BigFraction[] w = new BigFraction[theta.length];
                for (int k = 0; k < w.length; k++) {
                    w[k] = theta[k].multiply(theta[k]);
                }
                yield one(sum(hessianDiagonal(q, path), w));
            }
            case "adaptive_d2" -> {
                Network n = net(q, path, "net");
                BigFraction[] u = direction(q, path, n);
                BigFraction[] theta = n.parameters();
                BigFraction[] tu = new BigFraction[u.length];
                for (int k = 0; k < u.length; k++) {
                    tu[k] = theta[k].abs().multiply(u[k]);
                }
                yield one(IndependentEvaluator.lossAlong(n, data(q, path, n), tu).second());
            }
            case "psi_trace" -> one(PsiCheck.trace(this, q, path));
            case "sum" -> {
                BigFraction s = BigFraction.ZERO;
                List<JsonNode> terms = in.array(in.required(q, path, "terms", FIX), path + ".terms", FIX);
                for (int i = 0; i < terms.size(); i++) {
                    BigFraction[] t = quantity(terms.get(i), path + ".terms[" + i + "]");
                    if (t == null) {
                        throw new Mismatch();
                    }
                    if (t.length != 1) {
                        throw in.error(path + ".terms[" + i + "]", "is a vector", "sum scalars");
                    }
                    s = s.add(t[0]);
                }
                yield one(s);
            }
            default -> throw in.error(path + ".q", "is \"" + kind + "\"", "see docs/certificates.md for the quantities a certificate may use");
        };
    }

    /**
     * The Hessian diagonal of the quantity's network on its dataset, from jets computed once
     * per certificate: several traces (plain, adaptive, quotient) weight the same diagonal.
     */
    private BigFraction[] hessianDiagonal(JsonNode q, String path) {
        return IndependentEvaluator.seconds(coordinateJets(q, path));
    }

    /** {@code ∇L}: the first-order parts of the same jets along the coordinate directions. */
    private BigFraction[] gradient(JsonNode q, String path) {
        return IndependentEvaluator.firsts(coordinateJets(q, path));
    }

    private Jet[] coordinateJets(JsonNode q, String path) {
        Network n = net(q, path, "net");
        Dataset d = data(q, path, n);
        String key = q.get("net").asText() + "\u0000" + q.get("data").asText();
        Jet[] jets = coordinateJets.get(key);
        if (jets == null) {
            jets = IndependentEvaluator.coordinateJets(n, d);
            coordinateJets.put(key, jets);
        }
        return jets;
    }

    // ---- the sign test of an empirical claim ----

    /**
     * Recomputes every pair's two values, then the test's statistics from them ({@link SignTestCheck}), and
     * compares the whole recorded {@code result} with the recomputed one. The level is fixed at 1/20 and
     * every pair is one distinct seeded run, so neither can be bent to change the verdict.
     */
    private void signTest(JsonNode c, String path) {
        String measure = in.string(in.required(c, path, "measure", FIX), path + ".measure", FIX);
        String level = in.string(in.required(c, path, "level", FIX), path + ".level", FIX);
        if (!level.equals("1/20")) {
            throw in.error(path + ".level", "is " + level, "the sign test's level is 1/20");
        }
        List<JsonNode> pairs = in.array(in.required(c, path, "pairs", FIX), path + ".pairs", FIX);
        List<SignTestCheck.Pair> values = new ArrayList<>();
        Set<String> runs = new HashSet<>();
        Set<String> nets = new HashSet<>();
        boolean mismatch = false;
        for (int i = 0; i < pairs.size(); i++) {
            String pp = path + ".pairs[" + i + "]";
            JsonNode p = pairs.get(i);
            String task = in.string(in.required(p, pp, "task", FIX), pp + ".task", FIX);
            String run = task + "\u0000" + in.required(p, pp, "seed", FIX).asText();
            if (!runs.add(run)) {
                failures.add(pp + ": the run " + task + " seed " + p.get("seed").asText() + " is counted twice");
            }
            BigFraction[] v = new BigFraction[2];
            String[] sides = {"large", "small"};
            for (int k = 0; k < 2; k++) {
                JsonNode q = in.required(p, pp, sides[k], FIX);
                if (!measure.equals(q.path("q").asText())) {
                    throw in.error(pp + "." + sides[k] + ".q", "is not the test's measure " + measure, "pair values of one measure");
                }
                if (!nets.add(q.path("net").asText())) {
                    failures.add(pp + "." + sides[k] + ": network " + q.path("net").asText() + " is used twice");
                }
                BigFraction[] x = quantity(q, pp + "." + sides[k]);
                mismatch |= x == null;
                v[k] = x == null ? null : x[0];
            }
            values.add(new SignTestCheck.Pair(task, v[0], v[1]));
        }
        if (mismatch) {
            return; // a recorded value was wrong: already a failure
        }
        JsonNode recomputed = SignTestCheck.result(values);
        JsonNode recorded = in.required(c, path, "result", FIX);
        if (!SignTestCheck.same(recomputed, recorded)) {
            failures.add(path + ": the recorded result is not the test of the recomputed values, which gives "
                    + SignTestCheck.summary(recomputed));
        }
    }

    // ---- structural checks ----

    /** A group element as the checker reads it: node scales (layer scalings become node scales) and a renaming. */
    record Element(String kind, Map<Integer, BigFraction> scale, Map<Integer, Integer> rename) {
    }

    private void groupImage(JsonNode c, String path) {
        Network from = net(c, path, "from");
        Network to = net(c, path, "to");
        Element element = element(c, path, from);
        if (element == null) {
            return;
        }
        Map<Integer, BigFraction> scale = element.scale();
        Map<Integer, Integer> rename = element.rename();
        // The image: edge u→v with weight w becomes π(u)→π(v) with weight w·c(v)/c(u).
        Map<String, BigFraction> image = new HashMap<>();
        for (Edge e : from.edges()) {
            BigFraction w = e.weight().multiply(scale.getOrDefault(e.to(), BigFraction.ONE))
                    .divide(scale.getOrDefault(e.from(), BigFraction.ONE));
            image.put(key(from, rename.getOrDefault(e.from(), e.from()), rename.getOrDefault(e.to(), e.to())), w);
        }
        Map<String, BigFraction> target = new HashMap<>();
        for (Edge e : to.edges()) {
            target.put(key(to, e.from(), e.to()), e.weight());
        }
        if (!image.equals(target)) {
            failures.add(path + ": applying the element to " + c.get("from").asText() + " does not give " + c.get("to").asText());
        }
    }

    private Element element(JsonNode c, String path, Network from) {
        JsonNode el = in.required(c, path, "element", FIX);
        Map<Integer, BigFraction> scale = new HashMap<>();
        Map<Integer, Integer> rename = new HashMap<>();
        String ep = path + ".element";
        String kind;
        if (el.has("scales")) {
            kind = "node_rescaling";
            el.get("scales").fields().forEachRemaining(e -> {
                int v = hiddenNode(from, e.getKey(), ep + ".scales");
                BigFraction s = in.rational(e.getValue(), ep + ".scales." + e.getKey());
                if (s.getNumerator().signum() <= 0) {
                    throw in.error(ep + ".scales." + e.getKey(), "is not positive", "rescaling factors are > 0");
                }
                scale.put(v, s);
            });
        } else if (el.has("factors")) {
            kind = "layer_scaling";
            List<JsonNode> f = in.array(el.get("factors"), ep + ".factors", FIX);
            int[] sizes = from.layers().orElseThrow(() -> in.error(path + ".from", "is not layered", "layer scalings act on layered networks"));
            expectLength(ep + ".factors", f.size(), sizes.length - 1);
            BigFraction product = BigFraction.ONE;
            BigFraction prefix = BigFraction.ONE;
            for (int l = 0; l < f.size(); l++) {
                BigFraction a = in.rational(f.get(l), ep + ".factors", l);
                if (a.getNumerator().signum() <= 0) {
                    throw in.error(ep + ".factors[" + l + "]", "is not positive", "layer factors are > 0");
                }
                product = product.multiply(a);
                prefix = prefix.multiply(a);
                if (l + 1 < f.size()) {
                    for (int v : from.nodesOf(Kind.HIDDEN)) {
                        if (from.depth(v) == l + 1) {
                            scale.put(v, prefix);
                        }
                    }
                }
            }
            if (!product.equals(BigFraction.ONE)) {
                failures.add(path + ": layer factors multiply to " + Q.format(product) + ", not 1: not a symmetry");
                return null;
            }
        } else if (el.has("permutation")) {
            kind = "permutation";
            el.get("permutation").fields().forEachRemaining(e -> {
                int a = hiddenNode(from, e.getKey(), ep + ".permutation");
                int b = hiddenNode(from, in.string(e.getValue(), ep + ".permutation." + e.getKey(), FIX), ep + ".permutation");
                if (from.depth(a) != from.depth(b)) {
                    throw in.error(ep + ".permutation." + e.getKey(), "maps across layers", "permute units within a layer");
                }
                rename.put(a, b);
            });
            if (new HashSet<>(rename.values()).size() != rename.size() || !rename.keySet().equals(new HashSet<>(rename.values()))) {
                failures.add(path + ": the permutation is not a bijection of the hidden nodes it names");
                return null;
            }
        } else {
            throw in.error(ep, "has none of scales, factors, permutation", "name the group element");
        }
        if (el.has("symmetry") && !kind.equals(el.get("symmetry").asText())) {
            throw in.error(ep + ".symmetry", "is \"" + el.get("symmetry").asText() + "\" but the element is a " + kind,
                    "name the symmetry the element belongs to");
        }
        return new Element(kind, scale, rename);
    }

    /** The element of a group image check, read from its {@code from} network; null (with a failure) if it is not a symmetry. */
    Element element(JsonNode c, String path) {
        return element(c, path, net(c, path, "from"));
    }

    /**
     * The parameter factors {@code D} of a rescaling element (each parameter of {@code from} is multiplied by
     * c(head)/c(tail)); null for a permutation.
     */
    BigFraction[] parameterFactors(JsonNode c, String path) {
        Network from = net(c, path, "from");
        Element e = element(c, path, from);
        if (e == null || !e.rename().isEmpty()) {
            return null;
        }
        BigFraction[] d = new BigFraction[from.numParameters()];
        for (int k = 0; k < d.length; k++) {
            Edge edge = from.edge(k);
            d[k] = e.scale().getOrDefault(edge.to(), BigFraction.ONE).divide(e.scale().getOrDefault(edge.from(), BigFraction.ONE));
        }
        return d;
    }


    private static String key(Network n, int from, int to) {
        return n.node(from).name() + "\u0000" + n.node(to).name();
    }

    private void samePathValues(JsonNode c, String path) {
        Network a = net(c, path, "a");
        Network b = net(c, path, "b");
        Map<String, BigFraction> va = pathValues(a);
        Map<String, BigFraction> vb = pathValues(b);
        if (!va.equals(vb)) {
            failures.add(path + ": the path values of " + c.get("a").asText() + " and " + c.get("b").asText() + " differ");
        }
    }

    private static Map<String, BigFraction> pathValues(Network n) {
        Map<String, BigFraction> out = new HashMap<>();
        for (int[] p : IndependentEvaluator.paths(n, true)) {
            StringBuilder sb = new StringBuilder();
            for (int v : p) {
                sb.append(n.node(v).name()).append('\u0000');
            }
            out.put(sb.toString(), IndependentEvaluator.pathValue(n, p));
        }
        return out;
    }

    private void inKeskarBox(JsonNode c, String path) {
        Network center = net(c, path, "center");
        Network point = net(c, path, "point");
        BigFraction eps = in.rational(in.required(c, path, "epsilon", FIX), path + ".epsilon");
        BigFraction[] a = center.parameters();
        BigFraction[] b = point.parameters();
        if (a.length != b.length) {
            failures.add(path + ": center and point have different numbers of parameters");
            return;
        }
        for (int k = 0; k < a.length; k++) {
            BigFraction bound = eps.multiply(a[k].abs().add(BigFraction.ONE));
            if (b[k].subtract(a[k]).abs().compareTo(bound) > 0) {
                failures.add(path + ": parameter " + center.parameterName(k) + " moves by more than ε(|θ|+1)");
                return;
            }
        }
    }

    private void inBox(JsonNode c, String path) {
        Network n = net(c, path, "net");
        BigFraction[] lo = vector(c, path, "lo");
        BigFraction[] hi = vector(c, path, "hi");
        BigFraction[] theta = n.parameters();
        expectLength(path + ".lo", lo.length, theta.length);
        expectLength(path + ".hi", hi.length, theta.length);
        for (int k = 0; k < theta.length; k++) {
            if (theta[k].compareTo(lo[k]) < 0 || theta[k].compareTo(hi[k]) > 0) {
                failures.add(path + ": parameter " + n.parameterName(k) + " = " + Q.format(theta[k]) + " is outside the box");
                return;
            }
        }
    }

    private void exponentIdentity(JsonNode c, String path) {
        Network n = net(c, path, "net");
        List<JsonNode> basis = in.array(in.required(c, path, "basis", FIX), path + ".basis", FIX);
        List<JsonNode> paths = in.array(in.required(c, path, "paths", FIX), path + ".paths", FIX);
        List<JsonNode> exps = in.array(in.required(c, path, "exponents", FIX), path + ".exponents", FIX);
        expectLength(path + ".exponents", exps.size(), paths.size());
        BigFraction[] bv = new BigFraction[basis.size()];
        for (int i = 0; i < bv.length; i++) {
            bv[i] = IndependentEvaluator.pathValue(n, pathNodes(n, basis.get(i), path + ".basis[" + i + "]"));
        }
        Set<String> listed = new HashSet<>();
        for (int i = 0; i < paths.size(); i++) {
            int[] p = pathNodes(n, paths.get(i), path + ".paths[" + i + "]");
            listed.add(Arrays.toString(p));
            List<JsonNode> e = in.array(exps.get(i), path + ".exponents[" + i + "]", FIX);
            expectLength(path + ".exponents[" + i + "]", e.size(), bv.length);
            BigFraction product = BigFraction.ONE;
            for (int j = 0; j < bv.length; j++) {
                String ep = path + ".exponents[" + i + "][" + j + "]";
                int k = PsiCheck.exponent(in, e.get(j), ep, "exponents are integers");
                BigFraction f = PsiCheck.power(in, ep, bv[j], k);
                product = product.multiply(f);
            }
            BigFraction actual = IndependentEvaluator.pathValue(n, p);
            if (!actual.equals(product)) {
                failures.add(path + ".paths[" + i + "]: value " + Q.format(actual) + " ≠ Π basis^exponents = " + Q.format(product));
            }
        }
        Set<String> all = new HashSet<>();
        for (int[] p : IndependentEvaluator.paths(n, true)) {
            all.add(Arrays.toString(p));
        }
        if (!all.equals(listed)) {
            failures.add(path + ": the listed paths are not all " + all.size() + " paths of the network (" + listed.size() + " listed)");
        }
    }

    // ---- reading helpers ----

    Network net(JsonNode c, String path, String field) {
        String name = in.string(in.required(c, path, field, FIX), path + "." + field, FIX);
        Network n = networks.get(name);
        if (n == null) {
            throw in.error(path + "." + field, "names network \"" + name + "\", which is not in networks", "add it or fix the name");
        }
        return n;
    }

    /** The dataset named by {@code c.data}, which must fit every network in {@code nets} (inputs and outputs). */
    Dataset data(JsonNode c, String path, Network... nets) {
        String name = in.string(in.required(c, path, "data", FIX), path + ".data", FIX);
        Dataset d = datasets.get(name);
        if (d == null) {
            throw in.error(path + ".data", "names dataset \"" + name + "\", which is not in datasets", "add it or fix the name");
        }
        for (Network n : nets) {
            if (d.inputDimension() != n.numInputs() || d.targetDimension() != n.numOutputs()) {
                throw in.error(path + ".data", "names dataset \"" + name + "\" of dimension " + d.inputDimension() + " → "
                        + d.targetDimension() + ", but network \"" + n.name() + "\" has " + n.numInputs() + " inputs and "
                        + n.numOutputs() + " outputs", "name a dataset that fits the network");
            }
        }
        return d;
    }

    /** The point {@code c.input}, one value per input of {@code n}. */
    private BigFraction[] input(JsonNode c, String path, Network n) {
        BigFraction[] x = vector(c, path, "input");
        expectLength(path + ".input", x.length, n.numInputs());
        return x;
    }

    BigFraction[] vector(JsonNode c, String path, String field) {
        return values(in.required(c, path, field, FIX), path + "." + field);
    }

    private BigFraction[] direction(JsonNode q, String path, Network n) {
        JsonNode node = in.required(q, path, "u", FIX);
        if (node.isTextual() && node.asText().equals("theta")) {
            return n.parameters();
        }
        BigFraction[] u = vector(q, path, "u");
        expectLength(path + ".u", u.length, n.numParameters());
        return u;
    }

    BigFraction[] values(JsonNode node, String path) {
        if (node.isArray()) {
            BigFraction[] out = new BigFraction[node.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = in.rational(node.get(i), path, i);
            }
            return out;
        }
        return one(in.rational(node, path));
    }

    int[] pathNodes(Network n, JsonNode node, String path) {
        List<JsonNode> names = in.array(node == null ? in.required(in.root, path, "path", FIX) : node, path, FIX);
        int[] p = new int[names.size()];
        for (int i = 0; i < p.length; i++) {
            String name = in.string(names.get(i), path + "[" + i + "]", FIX);
            p[i] = name.equals("1") ? Network.SOURCE : indexOf(n, name, path + "[" + i + "]");
            if (i > 0 && IndependentEvaluator.edgeIndex(n, p[i - 1], p[i]) < 0) {
                throw in.error(path + "[" + i + "]", "no edge " + names.get(i - 1).asText() + " → " + name, "give a path along edges");
            }
        }
        if (p.length < 2 || n.node(p[p.length - 1]).kind() != Kind.OUTPUT
                || (p[0] != Network.SOURCE && n.node(p[0]).kind() != Kind.INPUT)) {
            throw in.error(path, "is not a path from an input (or the bias source \"1\") to an output", "give a full path");
        }
        return p;
    }

    JsonInput input() {
        return in;
    }

    /** The certificate's dataset named {@code name}, or null. */
    Dataset datasetNamed(String name) {
        return datasets.get(name);
    }

    /** The certificate's network named {@code name}, or null. */
    Network networkNamed(String name) {
        return networks.get(name);
    }

    /** The factor of weight layer {@code l} of a layer-scaling group image (1 if it is not one). */
    BigFraction layerFactor(JsonNode image, int l) {
        JsonNode f = image.path("element").path("factors");
        return f.isArray() && f.size() > l ? Q.parse(f.get(l).asText()) : BigFraction.ONE;
    }

    private int indexOf(Network n, String name, String path) {
        int v = n.indexOf(name);
        if (v < 0) {
            throw in.error(path, "names node \"" + name + "\", which the network does not have", "use the network's node names");
        }
        return v;
    }

    private int hiddenNode(Network n, String name, String path) {
        int v = indexOf(n, name, path);
        if (n.node(v).kind() != Kind.HIDDEN) {
            throw in.error(path, "names " + name + ", which is not a hidden node", "group elements act on hidden nodes");
        }
        return v;
    }

    private void expectLength(String path, int got, int want) {
        if (got != want) {
            throw in.error(path, "has " + got + " entries, expected " + want, "give one entry per parameter, layer or input, as the field requires");
        }
    }

    /** [R19]'s D_W: {@code ‖W_l‖_F²} on layer l's weights, {@code ‖b_l‖²} on its biases. */
    private BigFraction[] quotientWeights(Network n, String path) {
        if (!n.isLayered()) {
            throw in.error(path + ".net", "is not layered", "the quotient Hessian is defined layer by layer");
        }
        Map<String, BigFraction> norm = new HashMap<>();
        for (Edge e : n.edges()) {
            norm.merge(n.depth(e.to()) + (e.isBias() ? "b" : "w"), e.weight().multiply(e.weight()), BigFraction::add);
        }
        BigFraction[] w = new BigFraction[n.numParameters()];
        for (int k = 0; k < w.length; k++) {
            Edge e = n.edge(k);
            w[k] = norm.get(n.depth(e.to()) + (e.isBias() ? "b" : "w"));
            if (w[k].getNumerator().signum() == 0) {
                int l = n.depth(e.to()) - 1;
                throw new UndefinedQuantity("quotient_hessian_trace at " + path + " is undefined: the metric of Rangamani et al. "
                        + "divides by each parameter block's squared norm, and " + (e.isBias() ? "the bias vector b" : "the weight matrix W")
                        + l + " (weight layer " + l + ", 0-based) is 0");
            }
        }
        return w;
    }

    /** A recorded quantity that has no value at the certificate's point: a failed fact, not a malformed file. */
    private static final class UndefinedQuantity extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndefinedQuantity(String message) {
            super(message);
        }
    }

    private static BigFraction sum(BigFraction[] xs, BigFraction[] w) {
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < xs.length; i++) {
            s = s.add(w == null ? xs[i] : xs[i].multiply(w[i]));
        }
        return s;
    }

    private static BigFraction[] one(BigFraction x) {
        return new BigFraction[] {x};
    }

    /** Values for a failure message: long numbers and long vectors are shortened, so a message stays one short line. */
    static String show(BigFraction[] v) {
        if (v.length == 1) {
            return shorten(Q.format(v[0]));
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length && i < 8; i++) {
            sb.append(i == 0 ? "" : ", ").append(shorten(Q.format(v[i])));
        }
        return sb.append(v.length > 8 ? ", … " + v.length + " entries)" : ")").toString();
    }

    /** A number of more than 40 characters as its first 20 and last 8, with the count between. */
    static String shorten(String number) {
        return number.length() <= 40 ? number
                : number.substring(0, 20) + "…[" + (number.length() - 28) + " more]…" + number.substring(number.length() - 8);
    }

    /** The certificate asks for more work than the checker's limits allow (exit code 4). */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** A term of a sum had a wrong recorded value (already reported). */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch() {
            super(null, null, false, false);
        }
    }
}
