package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The checker refuses to recompute a quotient-Hessian trace where a parameter block is 0 (the metric of
 * Rangamani et al. divides by each block's squared norm): the fact fails, naming the block, whatever
 * value the certificate records; the same check on a network without zero blocks passes.
 */
class QuotientZeroBlockTest {
    private static final String CERTIFICATE = """
            {"format": "flatcheck-certificate/1", "claim": "test", "kind": "theorem", "verdict": "HOLDS",
             "networks": {"X": {"name": "X", "layers": [2, 2, 1],
                                "weights": [[["1", "1"], ["1", "1"]], [["2", "-6"]]],
                                "biases": [["-1/2", "-3/2"], ["%s"]]}},
             "datasets": {"D": {"inputs": [["0", "0"], ["0", "1"], ["1", "0"], ["1", "1"]],
                                "targets": [["0"], ["1"], ["1"], ["0"]]}},
             "checks": [{"role": "instance", "check": "relation",
                         "lhs": {"q": "quotient_hessian_trace", "value": "%s", "net": "X", "data": "D"},
                         "op": ">=", "rhs": {"q": "constant", "value": "0"}}]}
            """;

    private static CertificateVerifier.Result verify(String bias, String value) throws Exception {
        JsonNode root = new ObjectMapper().readTree(String.format(CERTIFICATE, bias, value));
        return CertificateVerifier.facts(Path.of("test.json"), root);
    }

    @Test
    void aZeroBiasVectorMakesTheQuotientTraceAFailedFactNamingIt() throws Exception {
        CertificateVerifier.Result r = verify("0", "0");
        assertFalse(r.valid());
        assertEquals(1, r.failures().size(), r.failures().toString());
        String failure = r.failures().get(0);
        assertTrue(failure.contains("the bias vector b1") && failure.contains("is 0")
                && failure.contains("quotient_hessian_trace"), failure);
    }

    @Test
    void withoutZeroBlocksTheTraceIsRecomputed() throws Exception {
        // the same network with output bias 1: the recomputed trace is what the certificate records
        CertificateVerifier.Result wrong = verify("1", "1");
        assertFalse(wrong.valid(), "a wrong recorded value is caught");
        assertTrue(wrong.failures().get(0).contains("quotient_hessian_trace"), wrong.failures().toString());
        assertFalse(wrong.failures().get(0).contains("is 0"), wrong.failures().toString());
    }
}
