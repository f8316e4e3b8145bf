package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.InputError;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Network;

/**
 * Re-checks a claim certificate from its contents alone (format {@value #FORMAT}). Every quantity a
 * check mentions carries the value the prover recorded; the checker recomputes it ({@link Recomputation},
 * one handler per {@link QuantityKind} and {@link CheckKind}) with {@link IndependentEvaluator} (its own
 * forward pass, Taylor jets and interval arithmetic, sharing no code with the {@code calculus},
 * {@code exact.Spectrum} or {@code measures} that produced it), rejects any difference, then evaluates the
 * check's relation on the values. Before any recomputation, {@link CheckKeys} refuses unknown fields,
 * {@link CheckCost} the certificates that would take too long, and {@link Evidence} the true facts that do
 * not establish the claim. The verdict must agree
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

    private final JsonInput in;
    private final CertificateReader reader;
    private final List<String> failures;

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
        this.reader = new CertificateReader(in);
        this.failures = reader.failures();
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
        reader.load(root);
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
            if (CheckKind.SIGN_TEST.wire().equals(c.path("check").asText())) {
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
        long work = CheckCost.of(reader, checks);
        if (work > maxWork) {
            throw new TooLarge("re-checking this certificate takes about " + work + " word operations (from the sizes and "
                    + "bit lengths of its networks, data and numbers); the checker does at most " + maxWork
                    + " (--max-check-work)");
        }
        if (spec != null) {
            failures.addAll(Evidence.check(reader, claim, kind, verdict, checks));
        }
        if (kind == ClaimKind.EMPIRICAL) {
            empiricalVerdict(root, verdict, tested, checks); // against the recorded results, recomputed below
        }
        if (!failures.isEmpty()) {
            return new Result(claim, verdict, checks.size(), List.copyOf(failures));
        }
        Recomputation recomputation = new Recomputation(reader);
        for (int i = 0; i < checks.size(); i++) {
            String path = "checks[" + i + "]";
            try {
                recomputation.check(checks.get(i), path);
            } catch (IndependentEvaluator.Kink e) {
                failures.add(path + ": " + e.getMessage() + ", so the loss has no derivatives there");
            } catch (Recomputation.UndefinedQuantity e) {
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
                reader.net(c, path, field);
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
        if (CheckKind.RELATION.wire().equals(node.path("check").asText()) && node.has("op")
                && RelationOp.fromWire(node.get("op").asText()).isEmpty()) {
            throw in.error(path + ".op", "is \"" + shorten(node.get("op").asText()) + "\"", "an op is ==, !=, <, <=, > or >=");
        }
        for (String field : List.of("value", "factor", "epsilon", "lo", "hi", "input", "weights", "u")) {
            JsonNode x = node.get(field);
            if (x != null && !(field.equals("u") && x.isTextual() && x.asText().equals("theta"))) {
                reader.values(x, path + "." + field);
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
                nets.add(reader.net(q, path, field));
            }
        }
        if (q.has("data")) {
            reader.data(q, path, nets.toArray(Network[]::new));
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
}
