package org.flatcheck.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.exact.Q;
import org.junit.jupiter.api.Test;

class KeskarBatchSizeTest {
    private static final Path LABEL = Path.of("keskar-large-batch-sharper.json");
    private final KeskarBatchSize claim = new KeskarBatchSize();
    private static ObjectNode quick;

    /** The quick certificate for seed 1, made once for the tests that only read it. */
    private synchronized ObjectNode quick() {
        if (quick == null) {
            quick = claim.run(new ClaimContext(1, true)).json("test");
        }
        return quick;
    }

    @Test
    void isRegisteredLast() {
        assertEquals(claim.id(), Claims.all().get(Claims.all().size() - 1).id());
        assertTrue(Claims.get("keskar-large-batch-sharper").isPresent());
    }

    @Test
    void theQuickRunIsDeterministicAndItsCertificateVerifies() {
        ClaimContext context = new ClaimContext(1, true);
        Certificate a = claim.run(context);
        ObjectNode doc = a.json("test");
        assertEquals(quick(), doc, "same seed, same certificate (hence the same verdict)");
        CertificateVerifier.Result r = CertificateVerifier.verify(LABEL, doc);
        assertTrue(r.valid(), r.failures().toString());
        assertEquals(a.verdict(), r.verdict());
        // The decision is the first check, a trace relation whose role matches the verdict.
        JsonNode decision = doc.get("checks").get(0);
        assertEquals("hessian_trace", decision.get("lhs").get("q").asText());
        assertEquals("LB", decision.get("lhs").get("net").asText());
        assertEquals("SB", decision.get("rhs").get("net").asText());
        assertEquals(a.verdict().equals("HOLDS") ? "witness" : "counterexample", decision.get("role").asText());
        // Every other check is an instance: the side measures never decide.
        for (int i = 1; i < doc.get("checks").size(); i++) {
            assertEquals("instance", doc.get("checks").get(i).get("role").asText(), "check " + i);
        }
        // Inputs hold the numeric record.
        JsonNode t = doc.get("inputs").get("training");
        assertEquals(4, t.get("small_batch").asInt());
        assertEquals(64, t.get("large_batch").asInt());
        assertEquals("0.05", t.get("learning_rate").asText());
        assertTrue(Double.parseDouble(t.get("final_training_loss_double").get("small").asText()) > 0);
    }

    @Test
    void theVerdictFollowsTheExactTraces() {
        ClaimContext context = new ClaimContext(2, true);
        KeskarBatchSize.Experiment e = claim.train(context);
        var data = KeskarBatchSize.dataset(e.x(), e.y());
        BigFraction small = LocalModel.of(KeskarBatchSize.network("SB", KeskarBatchSize.SIZES, e.small().theta()), data).hessian().trace();
        BigFraction large = LocalModel.of(KeskarBatchSize.network("LB", KeskarBatchSize.SIZES, e.large().theta()), data).hessian().trace();
        Certificate c = claim.run(context);
        assertEquals(large.compareTo(small) > 0 ? "HOLDS" : "REFUTED", c.verdict());
        assertEquals(Q.format(large), c.json("t").get("checks").get(0).get("lhs").get("value").asText());
        // Same initialisation, and the stopping rule of the large-batch run.
        assertTrue(e.large().loss() <= e.small().loss() || e.large().steps() == e.small().steps());
        assertTrue(e.large().steps() <= e.small().steps());
    }

    @Test
    void aFlippedVerdictOrAnAlteredTrainedWeightIsRejected() {
        ObjectNode doc = quick();
        ObjectNode flipped = doc.deepCopy();
        flipped.put("verdict", doc.get("verdict").asText().equals("HOLDS") ? "REFUTED" : "HOLDS");
        assertFalse(CertificateVerifier.verify(LABEL, flipped).valid());
        ObjectNode altered = doc.deepCopy();
        var row = (com.fasterxml.jackson.databind.node.ArrayNode) altered.get("networks").get("LB").get("weights").get(1).get(0);
        row.set(0, altered.textNode(Q.format(Q.parse(row.get(0).asText()).add(new BigFraction(1, 1 << 20)))));
        CertificateVerifier.Result r = CertificateVerifier.verify(LABEL, altered);
        assertFalse(r.valid());
        Optional<String> trace = r.failures().stream().filter(f -> f.contains("hessian_trace recomputes")).findFirst();
        assertTrue(trace.isPresent(), r.failures().toString());
    }
}
