package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.flatcheck.io.InputError;
import org.junit.jupiter.api.Test;

/**
 * A name outside the vocabulary (a quantity, a check, an operator or a count the format does not define)
 * makes a certificate malformed, with the message the checker has always printed; every name inside it
 * reaches its handler.
 */
class UnknownNamesTest {
    private static final String CERTIFICATE = """
            {"format": "flatcheck-certificate/1", "claim": "test", "kind": "theorem", "verdict": "HOLDS",
             "networks": {"X": {"name": "X", "layers": [1, 1, 1], "weights": [[["1"]], [["2"]]]}},
             "datasets": {"D": {"inputs": [["1"]], "targets": [["1"]]}},
             "checks": [{"role": "instance", "check": "%s", "lhs": %s, "op": "%s", "rhs": {"q": "constant", "value": "0"}}]}
            """;

    private static CertificateVerifier.Result facts(String check, String lhs, String op) throws Exception {
        return CertificateVerifier.facts(Path.of("test.json"), new ObjectMapper().readTree(String.format(CERTIFICATE, check, lhs, op)));
    }

    private static String malformed(String check, String lhs, String op) {
        return assertThrows(InputError.class, () -> facts(check, lhs, op)).getMessage();
    }

    @Test
    void anUnknownQuantityIsMalformed() {
        assertEquals("test.json: checks[0].lhs.q: is \"hessian-trace\"; see docs/certificates.md for the quantities a "
                + "certificate may use", malformed("relation", "{\"q\": \"hessian-trace\", \"value\": \"0\"}", ">="));
    }

    @Test
    void anUnknownCheckIsMalformed() {
        assertEquals("test.json: checks[0].check: is \"relations\"; a check is one of exponent_identity, group_image, "
                + "in_box, in_keskar_box, relation, same_path_values, sign_test",
                malformed("relations", "{\"q\": \"constant\", \"value\": \"0\"}", ">="));
    }

    @Test
    void anUnknownOperatorIsMalformed() {
        assertEquals("test.json: checks[0].op: is \"=<\"; an op is ==, !=, <, <=, > or >=",
                malformed("relation", "{\"q\": \"constant\", \"value\": \"0\"}", "=<"));
    }

    @Test
    void anUnknownCountIsMalformed() {
        assertEquals("test.json: checks[0].lhs.what: is \"edges\"; count parameters, weights, hidden or paths",
                malformed("relation", "{\"q\": \"count\", \"value\": \"2\", \"net\": \"X\", \"what\": \"edges\"}", ">="));
    }

    @Test
    void everyCountIsRecomputed() throws Exception {
        String[][] expected = {{"parameters", "2"}, {"weights", "2"}, {"hidden", "1"}, {"paths", "1"}};
        assertEquals(CountKind.values().length, expected.length);
        for (String[] e : expected) {
            CertificateVerifier.Result r = facts("relation", "{\"q\": \"count\", \"value\": \"" + e[1] + "\", \"net\": \"X\", \"what\": \""
                    + e[0] + "\"}", ">=");
            assertTrue(r.valid(), e[0] + ": " + r.failures());
        }
    }

    /** Every quantity name reaches its handler: at worst a field it needs is missing, never an unknown kind. */
    @Test
    void everyQuantityNameReachesItsHandler() throws Exception {
        for (QuantityKind k : QuantityKind.values()) {
            try {
                facts("relation", "{\"q\": \"" + k.wire() + "\", \"value\": \"0\"}", ">=");
            } catch (InputError e) {
                assertFalse(e.getMessage().contains("see docs/certificates.md for the quantities"), k + ": " + e.getMessage());
            }
        }
    }

    @Test
    void everyOperatorIsEvaluated() throws Exception {
        for (RelationOp op : RelationOp.values()) {
            boolean holds = op == RelationOp.EQ || op == RelationOp.LE || op == RelationOp.GE;
            assertEquals(holds, facts("relation", "{\"q\": \"constant\", \"value\": \"0\"}", op.wire()).valid(), op.wire());
        }
    }
}
