package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.flatcheck.claims.Claims;
import org.flatcheck.io.InputError;
import org.junit.jupiter.api.Test;

/**
 * A catalogue of forged certificates against every claim: each is made of the committed certificates'
 * true facts, rearranged (relabelled as another claim, roles swapped, the decisive relation scaled by 0, a
 * trivially true relation called a counterexample, the counterexample deleted, the statement negated, a
 * parameter changed, an unknown field added, …), and each must be rejected — invalid (exit 1) or
 * malformed (exit 2), never valid. The empirical claim's certificate takes half a minute to recompute, so
 * its forgeries here are the ones its structure rejects before any recomputation (others are in
 * KeskarBatchSizeTest).
 */
class ForgeryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, ClaimSpec> SPECS = Claims.specs();

    private static ObjectNode committed(String id) throws IOException {
        return (ObjectNode) JSON.readTree(Path.of("certificates", id + ".json").toFile());
    }

    /** Rejected: invalid or malformed; the reason, for the message. */
    private static void assertRejected(String what, ObjectNode forged) {
        try {
            CertificateVerifier.Result r = CertificateVerifier.verify(Path.of(what), forged, SPECS);
            assertFalse(r.valid(), what + " was accepted");
            for (String f : r.failures()) {
                assertTrue(f.length() < 2000, "failure messages stay short: " + f.length() + " characters");
            }
        } catch (InputError malformed) {
            assertTrue(malformed.getMessage().length() < 2000, "one short line");
        }
    }

    private static List<String> ids() {
        return new ArrayList<>(SPECS.keySet());
    }

    @Test
    void everyCommittedCertificateIsValidUnforged() throws IOException {
        for (String id : ids()) {
            if (SPECS.get(id).kind() == ClaimKind.EMPIRICAL) {
                continue; // recomputed in full by CommittedCertificatesTest
            }
            CertificateVerifier.Result r = CertificateVerifier.verify(Path.of(id), committed(id), SPECS);
            assertTrue(r.valid(), id + ": " + r.failures());
        }
    }

    /** Every certificate relabelled as every other claim, with that claim's kind, source and statement. */
    @Test
    void aCertificateRelabelledAsAnotherClaimIsRejected() throws IOException {
        int tried = 0;
        for (String from : ids()) {
            ObjectNode cert = committed(from);
            for (String to : ids()) {
                if (to.equals(from)) {
                    continue;
                }
                ClaimSpec s = SPECS.get(to);
                ObjectNode forged = cert.deepCopy();
                forged.put("claim", to).put("kind", s.kind().key()).put("source", s.source());
                ObjectNode statement = forged.putObject("statement");
                statement.put("paper", s.paper()).put("checked", s.checked());
                if (!s.kind().verdicts().contains(forged.get("verdict").asText())) {
                    forged.put("verdict", s.kind().verdicts().get(0));
                }
                assertRejected(from + " relabelled as " + to, forged);
                tried++;
            }
        }
        assertEquals(ids().size() * (ids().size() - 1), tried);
    }

    @Test
    void unknownEmptyOrMissingClaimIdsAreMalformed() throws IOException {
        for (String id : new String[] {"no-such-claim", "", "function-invariance "}) {
            ObjectNode forged = committed("function-invariance");
            forged.put("claim", id);
            try {
                CertificateVerifier.verify(Path.of("x"), forged, SPECS);
                fail("claim \"" + id + "\" was accepted");
            } catch (InputError expected) {
                assertTrue(expected.getMessage().contains("claim"), expected.getMessage());
            }
        }
    }

    /** Forgeries of one certificate that keep every stated fact true. */
    private static List<Map.Entry<String, UnaryOperator<ObjectNode>>> forgeries(String id, ObjectNode cert) {
        List<Map.Entry<String, UnaryOperator<ObjectNode>>> out = new ArrayList<>();
        String verdict = cert.get("verdict").asText();
        out.add(Map.entry("verdict flipped", c -> c.put("verdict", flip(id, verdict))));
        out.add(Map.entry("a trivially true relation called a counterexample", c -> {
            ObjectNode r = ((ArrayNode) c.get("checks")).addObject();
            r.put("role", "counterexample").put("check", "relation").put("op", "==");
            r.putObject("lhs").put("q", "constant").put("value", "1");
            r.putObject("rhs").put("q", "constant").put("value", "1");
            return c.put("verdict", SPECS.get(id).kind() == ClaimKind.EMPIRICAL ? verdict : "REFUTED");
        }));
        out.add(Map.entry("every role relabelled instance, the verdict the other way", c -> {
            c.get("checks").forEach(x -> ((ObjectNode) x).put("role", "instance"));
            return c.put("verdict", SPECS.get(id).kind() == ClaimKind.EMPIRICAL ? flip(id, verdict)
                    : verdict.equals("HOLDS") ? "REFUTED" : "HOLDS");
        }));
        out.add(Map.entry("every relation scaled by factor 0 on both sides", c -> {
            for (JsonNode x : c.get("checks")) {
                if (x.path("check").asText().equals("relation")) {
                    for (String side : new String[] {"lhs", "rhs"}) {
                        ObjectNode q = (ObjectNode) x.get(side);
                        q.put("factor", "0");
                        if (q.get("value").isArray()) {
                            ArrayNode zeros = JSON.createArrayNode();
                            q.get("value").forEach(v -> zeros.add("0"));
                            q.set("value", zeros);
                        } else {
                            q.put("value", "0");
                        }
                    }
                    ((ObjectNode) x).put("op", "==");
                }
            }
            return c;
        }));
        out.add(Map.entry("the counterexamples deleted", c -> {
            ArrayNode kept = JSON.createArrayNode();
            c.get("checks").forEach(x -> {
                if (!x.path("role").asText().equals("counterexample")) {
                    kept.add(x);
                }
            });
            if (kept.size() == c.get("checks").size()) {
                // nothing to delete: keep only the checks that are not relations (no decisive evidence left)
                kept.removeAll();
                c.get("checks").forEach(x -> {
                    if (!x.path("check").asText().equals("relation") && !x.path("check").asText().equals("sign_test")) {
                        kept.add(x);
                    }
                });
                if (kept.isEmpty()) {
                    kept.add(c.get("checks").get(0));
                    ((ObjectNode) kept.get(0)).put("role", "witness");
                }
            }
            c.set("checks", kept);
            return c;
        }));
        out.add(Map.entry("the statement negated", c -> {
            ObjectNode s = (ObjectNode) c.get("statement");
            s.put("checked", "It is not the case that: " + s.get("checked").asText());
            return c;
        }));
        out.add(Map.entry("an unknown field in a check", c -> {
            ((ObjectNode) c.get("checks").get(0)).put("trust", "me");
            return c;
        }));
        out.add(Map.entry("a check of another claim added", c -> {
            ((ArrayNode) c.get("checks")).add(JSON.createObjectNode().put("role", "instance").put("check", "same_path_values")
                    .put("a", c.get("networks").fieldNames().next()).put("b", c.get("networks").fieldNames().next()));
            return c;
        }));
        out.add(Map.entry("no checks left but one", c -> {
            ArrayNode one = JSON.createArrayNode();
            one.add(c.get("checks").get(0));
            c.set("checks", one);
            return c;
        }));
        return out;
    }

    private static String flip(String id, String verdict) {
        return switch (verdict) {
            case "HOLDS" -> "REFUTED";
            case "REFUTED" -> "HOLDS";
            case "SUPPORTED" -> "NOT_SUPPORTED";
            default -> "SUPPORTED";
        };
    }

    @Test
    void forgeriesOfTrueFactsAreRejectedForEveryClaim() throws IOException {
        int tried = 0;
        for (String id : ids()) {
            ObjectNode cert = committed(id);
            for (Map.Entry<String, UnaryOperator<ObjectNode>> f : forgeries(id, cert)) {
                assertRejected(id + ": " + f.getKey(), f.getValue().apply(cert.deepCopy()));
                tried++;
            }
        }
        assertTrue(tried >= 9 * ids().size(), "tried " + tried);
    }

    @Test
    void parametersAreTheClaimsOwn() throws IOException {
        // Keskar's box: ε raised from 1/1000 to 10^6 (the forger fills in the values the checker reports).
        ObjectNode box = committed("dinh-keskar-sharpness");
        for (JsonNode c : box.get("checks")) {
            if (c.path("check").asText().equals("in_keskar_box")) {
                ((ObjectNode) c).put("epsilon", "1000000");
            }
            if (c.path("rhs").path("q").asText().equals("keskar_upper_bound")) {
                ((ObjectNode) c.get("rhs")).put("epsilon", "1000000");
            }
        }
        assertRejected("Keskar's ε raised", box);
        // The node-rescaling counterexample presented as a refutation of the (true) layer-scaling claim.
        ObjectNode node = committed("rangamani-node-rescaling-invariance");
        ClaimSpec layer = SPECS.get("rangamani-layer-scaling-invariance");
        node.put("claim", layer.id()).put("kind", layer.kind().key()).put("source", layer.source());
        ((ObjectNode) node.get("statement")).put("paper", layer.paper()).put("checked", layer.checked());
        assertRejected("node counterexample as a layer refutation", node);
        // The volume claim's ε raised from 1/100 to 100 (its boxes then lie in a larger sublevel set).
        ObjectNode volume = committed("dinh-volume-flatness");
        for (JsonNode c : volume.get("checks")) {
            if (c.path("lhs").path("q").asText().equals("loss_upper_bound_on_box")) {
                ((ObjectNode) c.get("rhs")).put("value", "100");
            }
        }
        assertRejected("volume ε raised", volume);
    }

    /**
     * A HOLDS certificate whose group elements are replaced by identities: every stated fact stays true (the
     * quantity on A equals itself), but nothing is shown about the symmetry.
     */
    @Test
    void identityElementsAreNoEvidence() throws IOException {
        for (String id : List.of("function-invariance", "rangamani-layer-scaling-invariance", "liang-fisher-rao",
                "meng-path-values-equivalence")) {
            ObjectNode cert = committed(id);
            ObjectNode nets = (ObjectNode) cert.get("networks");
            for (JsonNode c : cert.get("checks")) {
                if (!c.path("check").asText().equals("group_image")) {
                    continue;
                }
                ObjectNode element = (ObjectNode) c.get("element");
                nets.set(c.get("to").asText(), nets.get(c.get("from").asText()).deepCopy());
                for (String form : new String[] {"scales", "factors", "permutation"}) {
                    JsonNode m = element.get(form);
                    if (m != null && m.isObject()) {
                        m.fieldNames().forEachRemaining(k -> ((ObjectNode) m).put(k, form.equals("permutation") ? k : "1"));
                    } else if (m != null) {
                        for (int i = 0; i < m.size(); i++) {
                            ((ArrayNode) m).set(i, JSON.getNodeFactory().textNode("1"));
                        }
                    }
                }
            }
            CertificateVerifier.Result r = CertificateVerifier.verify(Path.of(id), cert, SPECS);
            assertFalse(r.valid(), id + ": identities accepted as instances");
            assertTrue(r.failures().stream().anyMatch(f -> f.contains("identity")), id + ": " + r.failures());
        }
    }

    /** Found by the independent Python checker: fields a theorem has no use for, and ill-typed ops. */
    @Test
    void statisticsOnATheoremAndUnknownOpsAndFloatTokensAreRejected() throws IOException {
        ObjectNode theorem = committed("dinh-keskar-sharpness");
        theorem.putObject("statistics").putObject("verdicts");
        assertRejected("statistics in a theorem certificate", theorem);
        ObjectNode op = committed("function-invariance");
        for (JsonNode c : op.get("checks")) {
            if (c.path("check").asText().equals("relation")) {
                ((ObjectNode) c).put("op", "≈");
                break;
            }
        }
        try {
            CertificateVerifier.verify(Path.of("op"), op, SPECS);
            fail("an unknown op was not malformed");
        } catch (InputError expected) {
            assertTrue(expected.getMessage().contains(".op"), expected.getMessage());
        }
        ObjectNode floats = committed("function-invariance");
        JsonNode net = floats.get("networks").elements().next();
        ((ArrayNode) net.get("weights").get(0).get(0)).set(0, JSON.getNodeFactory().numberNode(2.0));
        try {
            CertificateVerifier.verify(Path.of("floats"), floats, SPECS);
            fail("a float token was read as a number");
        } catch (InputError expected) {
            assertTrue(expected.getMessage().contains("fraction or exponent part"), expected.getMessage());
        }
    }

    /**
     * Forgeries of true facts found in review, each once accepted: the skeleton claim turned into HOLDS by
     * comparing one basis under two skeleton names; Dinh's volume claim by point boxes of volume 0; Dinh's
     * Hessian claim by a Rayleigh witness on another dataset through an identity "scaling".
     */
    @Test
    void reviewedForgeriesAreRejected() throws IOException {
        for (String name : List.of("forged-skeleton", "forged-volume", "forged-hessian")) {
            try (var in = ForgeryTest.class.getResourceAsStream(name + ".json")) {
                ObjectNode forged = (ObjectNode) JSON.readTree(in);
                assertRejected(name, forged);
            }
        }
    }

    @Test
    void aRelabelledSymmetryIsRejected() throws IOException {
        ObjectNode cert = committed("rangamani-layer-scaling-invariance");
        for (JsonNode c : cert.get("checks")) {
            if (c.path("check").asText().equals("group_image")) {
                ((ObjectNode) c.get("element")).put("symmetry", "node_rescaling");
            }
        }
        assertRejected("a layer scaling labelled a node rescaling", cert);
    }

    /**
     * Work is bounded by bit lengths, not only counts: the same structure with 9 600-bit weights (or a box of
     * megabytes) is refused before any recomputation, as a resource limit, instead of running for minutes.
     */
    @Test
    void certificatesThatWouldTakeMinutesAreRefusedAtOnce() throws IOException {
        ObjectNode big = committed("rangamani-layer-scaling-invariance");
        String huge = "1" + "0".repeat(2900) + "1/3"; // 9 600 bits: below the readers' --max-bits
        big.get("networks").forEach(n -> {
            JsonNode w = n.get("weights");
            for (JsonNode layer : w) {
                for (JsonNode row : layer) {
                    ((ArrayNode) row).set(0, JSON.getNodeFactory().textNode(huge));
                }
            }
        });
        try {
            CertificateVerifier.verify(Path.of("big"), big, SPECS);
            fail("a certificate of 9 600-bit weights was recomputed");
        } catch (CertificateVerifier.TooLarge expected) {
            assertTrue(expected.getMessage().contains("--max-check-work"), expected.getMessage());
        }
        ObjectNode box = committed("dinh-volume-flatness");
        ArrayNode lo = JSON.createArrayNode();
        ArrayNode hi = JSON.createArrayNode();
        for (int k = 0; k < 2000; k++) { // 2 000 coordinates of 9 600 bits: about 2.5 MB, each number readable
            lo.add("-" + "7".repeat(2900));
            hi.add("7".repeat(2900));
        }
        for (JsonNode c : box.get("checks")) {
            if ("box_volume".equals(c.path("lhs").path("q").asText())) {
                ((ObjectNode) c.get("lhs")).set("lo", lo);
                ((ObjectNode) c.get("lhs")).set("hi", hi);
            }
        }
        try {
            CertificateVerifier.Result r = CertificateVerifier.verify(Path.of("box"), box, SPECS);
            assertFalse(r.valid(), "a box of megabytes is not accepted");
        } catch (CertificateVerifier.TooLarge | InputError expected) {
            // refused as too large (or as numbers above --max-bits): either way at once
        }
    }

    /** A constant with no value (or a value that is no number) is a rejected certificate, not a crash of the checker. */
    @Test
    void aConstantWithoutAValueIsRejectedNotACrash() throws IOException {
        for (String id : List.of("dinh-volume-flatness", "keskar-large-batch-sharper")) {
            ObjectNode cert = committed(id);
            for (String replacement : new String[] {null, "not a number"}) {
                ObjectNode forged = cert.deepCopy();
                int changed = 0;
                for (com.fasterxml.jackson.databind.JsonNode c : forged.path("checks")) {
                    com.fasterxml.jackson.databind.JsonNode rhs = c.path("rhs");
                    if (rhs.isObject() && "constant".equals(rhs.path("q").asText()) && rhs.path("value").isTextual()) {
                        if (replacement == null) {
                            ((ObjectNode) rhs).remove("value");
                        } else {
                            ((ObjectNode) rhs).put("value", replacement);
                        }
                        changed++;
                    }
                }
                assertTrue(changed > 0, id + " has constants to forge");
                assertRejected(id + " with constants " + (replacement == null ? "without values" : "of text"), forged);
            }
        }
    }
}
