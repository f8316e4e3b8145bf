package org.flatcheck.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.junit.jupiter.api.Test;

/**
 * The certificates committed under {@code certificates/} (linked from proofs/) are exactly what
 * {@code flatcheck prove} writes for seed 1, one per claim, and each passes the checker.
 */
class CommittedCertificatesTest {
    private static final Path DIR = Path.of("certificates");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneCommittedCertificatePerClaimAndEachIsValid() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = Claims.all().stream().map(c -> c.id() + ".json").collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, files, "regenerate with ./flatcheck prove --out certificates");
        for (String f : files) {
            CertificateVerifier.Result r = CertificateVerifier.verify(DIR.resolve(f));
            assertTrue(r.valid(), f + ": " + r.failures());
            assertTrue(Files.exists(Path.of("proofs", f.replace(".json", ".md"))), "proofs/ has a page for " + f);
        }
    }

    @Test
    void committedCertificatesAreReproducibleFromSeedOne() throws IOException {
        for (Claim c : Claims.all()) {
            ObjectNode fresh = c.run(new ClaimContext(1, false)).json("x");
            ObjectNode committed = (ObjectNode) JSON.readTree(DIR.resolve(c.id() + ".json").toFile());
            fresh.remove("tool_version");
            committed.remove("tool_version");
            JsonNode a = JSON.readTree(JSON.writeValueAsString(fresh));
            assertEquals(committed, a, c.id() + " differs from its committed certificate; regenerate with ./flatcheck prove --out certificates");
        }
    }
}
