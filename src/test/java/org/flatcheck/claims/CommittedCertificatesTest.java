package org.flatcheck.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.io.NetworkJson;
import org.junit.jupiter.api.Test;

/**
 * The certificates committed under {@code certificates/} (linked from proofs/) are what
 * {@code flatcheck prove} writes for seed 1, one per claim, and each passes the checker with its claim's
 * kind. Every claim is regenerated in full and compared, except the empirical one, whose 60 training runs
 * are regenerated for a sample of seeds: each run is seeded on its own, so a sample of runs reproduces its
 * part of the certificate exactly, and the checker recomputes every stated fact of the whole.
 */
class CommittedCertificatesTest {
    private static final Path DIR = Path.of("certificates");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seeds of the empirical claim's runs regenerated here (of 30 per task). */
    private static final int[] SAMPLED_SEEDS = {1, 17, 30};

    @Test
    void oneCommittedCertificatePerClaimAndEachIsValid() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(DIR)) {
            files = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = Claims.all().stream().map(c -> c.id() + ".json").collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, files, "regenerate with ./flatcheck prove --out certificates");
        for (String f : files) {
            CertificateVerifier.Result r = CertificateVerifier.verify(DIR.resolve(f), Claims.specs());
            assertTrue(r.valid(), f + ": " + r.failures());
            assertTrue(Files.exists(Path.of("proofs", f.replace(".json", ".md"))), "proofs/ has a page for " + f);
        }
    }

    @Test
    void committedCertificatesAreReproducibleFromSeedOne() throws IOException {
        for (Claim c : Claims.all()) {
            if (c instanceof KeskarBatchSize) {
                continue;
            }
            ObjectNode fresh = c.run(new ClaimContext(1, false)).json("x");
            ObjectNode committed = (ObjectNode) JSON.readTree(DIR.resolve(c.id() + ".json").toFile());
            fresh.remove("tool_version");
            committed.remove("tool_version");
            String diff = firstDifference("", committed, JSON.readTree(JSON.writeValueAsString(fresh)));
            if (diff != null) {
                fail(c.id() + " differs from its committed certificate at " + diff
                        + "; regenerate with ./flatcheck prove --out certificates");
            }
        }
    }

    @Test
    void sampledRunsOfTheEmpiricalClaimAreReproducibleFromSeedOne() throws IOException {
        KeskarBatchSize claim = new KeskarBatchSize();
        JsonNode committed = JSON.readTree(DIR.resolve(claim.id() + ".json").toFile());
        ClaimContext context = new ClaimContext(1, false);
        assertEquals(context.seeds(), committed.get("inputs").get("seeds").asInt());
        for (KeskarTasks.Task task : claim.tasks(context)) {
            for (int s : SAMPLED_SEEDS) {
                KeskarBatchSize.Run run = claim.train(task, s, context);
                JsonNode record = null;
                for (JsonNode r : committed.get("inputs").get("runs")) {
                    if (r.get("task").asText().equals(task.name()) && r.get("seed").asInt() == s) {
                        record = r;
                    }
                }
                assertTrue(record != null, task.name() + " seed " + s + " is recorded");
                ObjectNode fresh = run.record().deepCopy();
                KeskarBatchSize.usable(run, KeskarBatchSize.dataset(task.x(), task.y()), fresh);
                String diff = firstDifference("runs[" + task.name() + " " + s + "]", record, fresh);
                assertEquals(null, diff, "regenerate with ./flatcheck prove --out certificates");
                for (var net : new org.flatcheck.network.Network[] {run.small(), run.large()}) {
                    JsonNode stored = committed.get("networks").get(net.name());
                    if (stored != null) {
                        assertEquals(stored, JSON.readTree(NetworkJson.toJson(net)), net.name() + " is what training gives");
                    }
                }
            }
        }
    }

    /** The path of the first place where two JSON trees differ, or null. */
    static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!a.has(k) || !b.has(k)) {
                    return path + "." + k + " (only in the " + (a.has(k) ? "committed" : "fresh") + " one)";
                }
                String d = firstDifference(path + "." + k, a.get(k), b.get(k));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.isArray() && b.isArray()) {
            Iterator<JsonNode> x = a.elements();
            Iterator<JsonNode> y = b.elements();
            for (int i = 0; x.hasNext() || y.hasNext(); i++) {
                if (!x.hasNext() || !y.hasNext()) {
                    return path + "[" + i + "] (the arrays differ in length)";
                }
                String d = firstDifference(path + "[" + i + "]", x.next(), y.next());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a.equals(b) || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) {
            return null;
        }
        String sa = a.toString();
        String sb = b.toString();
        return path + ": " + (sa.length() > 120 ? sa.substring(0, 120) + "…" : sa) + " vs " + (sb.length() > 120 ? sb.substring(0, 120) + "…" : sb);
    }
}
