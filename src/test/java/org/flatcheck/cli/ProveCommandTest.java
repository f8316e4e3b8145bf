package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProveCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void proveDecidesEveryClaimAndEveryCertificateVerifies() throws IOException {
        CliRun run = CliRun.of("prove", "--quick", "--seeds", "5", "--json", "--out", dir.toString());
        assertEquals(0, run.code(), "every theorem holds; extensions and empirical claims never fail the run " + run.err());
        JsonNode claims = JSON.readTree(run.out()).get("claims");
        assertTrue(claims.size() >= 12, "at least twelve claims");
        Set<String> ids = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (JsonNode c : claims) {
            for (String key : new String[] {"id", "kind", "source", "verdict", "certificate"}) {
                assertTrue(c.has(key), key);
            }
            String verdict = c.get("verdict").asText();
            String kind = c.get("kind").asText();
            kinds.add(kind);
            assertTrue(org.flatcheck.claims.verify.ClaimKind.of(kind).verdicts().contains(verdict), kind + " " + verdict);
            if (kind.equals("theorem")) {
                assertEquals("HOLDS", verdict, c.get("id").asText());
            }
            ids.add(c.get("id").asText());
            Path file = Path.of(c.get("certificate").asText());
            assertTrue(Files.isRegularFile(file), file.toString());
            CliRun check = CliRun.of("verify-certificate", file.toString());
            assertEquals(0, check.code(), check.out() + check.err());
            assertTrue(check.out().contains("valid"), check.out());
        }
        assertEquals(claims.size(), ids.size(), "ids are distinct");
        assertEquals(Set.of("theorem", "extension", "empirical"), kinds);
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".")), "no temporary files left");
        }
    }

    /** Every table format reaches stdout (the LaTeX table was once printed without a flush, and so lost). */
    @Test
    void everyTableFormatIsPrinted() {
        String[][] formats = {{}, {"--markdown"}, {"--latex"}, {"--json"}};
        String[] starts = {"function-invariance  theorem", "| claim | kind |", "% flatcheck prove; needs \\usepackage{booktabs}",
            "{"};
        for (int k = 0; k < formats.length; k++) {
            String[] args = {"prove", "function-invariance", "--quick", "--out", dir.toString()};
            CliRun run = CliRun.of(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(formats[k]))
                    .toArray(String[]::new));
            assertEquals(0, run.code(), run::toString);
            assertTrue(run.out().startsWith(starts[k]), run.out());
        }
    }

    @Test
    void aCertificateWithOneAlteredWitnessValueIsRejected() throws IOException {
        assertEquals(0, CliRun.of("prove", "dinh-hessian-unbounded", "--quick", "--out", dir.toString()).code());
        Path file = dir.resolve("dinh-hessian-unbounded.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        // The Rayleigh quotient of the last witness: its recorded value is raised by 1.
        JsonNode checks = doc.get("checks");
        ObjectNode lhs = (ObjectNode) checks.get(checks.size() - 1).get("lhs");
        String value = lhs.get("value").asText();
        lhs.put("value", org.flatcheck.exact.Q.format(org.flatcheck.exact.Q.parse(value).add(org.apache.commons.math3.fraction.BigFraction.ONE)));
        Path tampered = dir.resolve("tampered.json");
        JSON.writeValue(tampered.toFile(), doc);
        CliRun run = CliRun.of("verify-certificate", tampered.toString());
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("INVALID") && run.out().contains("rayleigh recomputes to " + value), run.out());
    }

    /** Several files: each is reported, and the exit code is the worst outcome (malformed > invalid > valid). */
    @Test
    void severalCertificatesAreEachCheckedAndTheWorstOutcomeIsTheExitCode() throws IOException {
        assertEquals(0, CliRun.of("prove", "function-invariance", "--quick", "--out", dir.toString()).code());
        Path good = dir.resolve("function-invariance.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(good.toFile());
        doc.put("verdict", "REFUTED");
        Path invalid = dir.resolve("invalid.json");
        JSON.writeValue(invalid.toFile(), doc);
        Path malformed = dir.resolve("malformed.json");
        Files.writeString(malformed, "{");
        CliRun both = CliRun.of("verify-certificate", good.toString(), good.toString());
        assertEquals(0, both.code(), both.out() + both.err());
        assertEquals(2, both.out().lines().filter(l -> l.contains(": valid")).count(), both.out());
        CliRun one = CliRun.of("verify-certificate", good.toString(), invalid.toString(), good.toString());
        assertEquals(1, one.code(), one.out() + one.err());
        assertTrue(one.out().contains("invalid.json: INVALID"), one.out());
        assertEquals(2, one.out().lines().filter(l -> l.contains(": valid")).count(), "files after an invalid one are checked");
        CliRun worst = CliRun.of("verify-certificate", malformed.toString(), invalid.toString(), good.toString());
        assertEquals(2, worst.code(), worst.out() + worst.err());
        assertTrue(worst.err().contains("malformed.json") && worst.out().contains("invalid.json: INVALID")
                && worst.out().contains("function-invariance.json: valid"), worst.out() + worst.err());
    }

    @Test
    void aCertificateWithAnAlteredNetworkIsRejected() throws IOException {
        assertEquals(0, CliRun.of("prove", "function-invariance", "--quick", "--out", dir.toString()).code());
        Path file = dir.resolve("function-invariance.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        ObjectNode b0 = (ObjectNode) doc.get("networks").get("B0");
        com.fasterxml.jackson.databind.node.ArrayNode row = (com.fasterxml.jackson.databind.node.ArrayNode) b0.get("weights").get(0).get(0);
        row.set(0, JSON.getNodeFactory().textNode(org.flatcheck.exact.Q.format(
                org.flatcheck.exact.Q.parse(row.get(0).asText()).add(new org.apache.commons.math3.fraction.BigFraction(1, 1000)))));
        Path tampered = dir.resolve("tampered.json");
        JSON.writeValue(tampered.toFile(), doc);
        CliRun run = CliRun.of("verify-certificate", tampered.toString());
        assertEquals(1, run.code(), run.out() + run.err());
        assertTrue(run.out().contains("does not give B0"), run.out());
    }

    @Test
    void aVerdictThatDisagreesWithTheChecksIsRejected() throws IOException {
        assertEquals(0, CliRun.of("prove", "rangamani-node-rescaling-invariance", "--quick", "--out", dir.toString()).code(),
                "an extension answered no is a result, not a failure");
        Path file = dir.resolve("rangamani-node-rescaling-invariance.json");
        ObjectNode doc = (ObjectNode) JSON.readTree(file.toFile());
        assertEquals("REFUTED", doc.get("verdict").asText());
        doc.put("verdict", "HOLDS");
        Path tampered = dir.resolve("tampered.json");
        JSON.writeValue(tampered.toFile(), doc);
        CliRun run = CliRun.of("verify-certificate", tampered.toString());
        assertEquals(1, run.code(), run.out());
        assertTrue(run.out().contains("verdict HOLDS but"), run.out());
    }

    @Test
    void malformedCertificatesExitTwoWithOneLine() throws IOException {
        String[][] cases = {
            {"{", "not valid JSON"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"x\",\"verdict\":\"HOLDS\",\"checks\":[]}", "kind"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"x\",\"kind\":\"lemma\",\"verdict\":\"HOLDS\",\"checks\":[]}", "kind"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"x\",\"kind\":\"theorem\",\"verdict\":\"SUPPORTED\",\"checks\":[]}", "verdict"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"x\",\"kind\":\"theorem\",\"verdict\":\"HOLDS\",\"checks\":[]}",
                "not a claim of this flatcheck"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"function-invariance\",\"kind\":\"theorem\",\"source\":\"s\",\"statement\":{\"paper\":\"p\",\"checked\":\"c\"},\"verdict\":\"HOLDS\"}", "checks"},
            {"{\"format\":\"other/2\",\"claim\":\"x\",\"verdict\":\"HOLDS\",\"checks\":[]}", "format"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"x\",\"kind\":\"theorem\",\"verdict\":\"MAYBE\",\"checks\":[]}", "verdict"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"function-invariance\",\"kind\":\"theorem\",\"source\":\"s\",\"statement\":{\"paper\":\"p\",\"checked\":\"c\"},\"verdict\":\"HOLDS\",\"checks\":"
                + "[{\"role\":\"instance\",\"check\":\"relation\",\"op\":\"==\",\"lhs\":{\"q\":\"loss\",\"net\":\"A\",\"data\":\"D\","
                + "\"value\":\"0\"},\"rhs\":{\"q\":\"constant\",\"value\":\"0\"}}]}", "checks[0].lhs.net"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"function-invariance\",\"kind\":\"theorem\",\"source\":\"s\",\"statement\":{\"paper\":\"p\",\"checked\":\"c\"},\"verdict\":\"HOLDS\",\"checks\":"
                + "[{\"role\":\"instance\",\"check\":\"relation\",\"op\":\"==\",\"lhs\":{\"q\":\"constant\",\"value\":\"abc\"},"
                + "\"rhs\":{\"q\":\"constant\",\"value\":\"0\"}}]}", "checks[0].lhs.value"},
            {"{\"format\":\"flatcheck-certificate/1\",\"claim\":\"function-invariance\",\"kind\":\"theorem\",\"source\":\"s\",\"statement\":{\"paper\":\"p\",\"checked\":\"c\"},\"verdict\":\"HOLDS\",\"networks\":{\"A\":{\"layers\":[1,1],"
                + "\"weights\":[[[\"1\",\"2\"]]]}},\"checks\":[{\"role\":\"instance\",\"check\":\"in_box\",\"net\":\"A\",\"lo\":[\"0\"],\"hi\":[\"1\"]}]}",
                "networks.A.weights"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("bad.json");
            Files.writeString(f, c[0]);
            CliRun run = CliRun.of("verify-certificate", f.toString());
            assertEquals(2, run.code(), c[0] + " → " + run.out() + run.err());
            assertEquals(1, run.err().strip().lines().count(), run.err());
            assertTrue(run.err().contains(c[1]), c[1] + " in " + run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    @Test
    void certificatesBeyondTheCheckersLimitsExitFour() throws IOException {
        int[] sizes = {1, 102, 102, 102, 1}; // 102³ > 10⁶ paths
        org.apache.commons.math3.fraction.BigFraction[][][] w = new org.apache.commons.math3.fraction.BigFraction[4][][];
        for (int l = 0; l < 4; l++) {
            w[l] = new org.apache.commons.math3.fraction.BigFraction[sizes[l + 1]][sizes[l]];
            for (var row : w[l]) {
                java.util.Arrays.fill(row, org.apache.commons.math3.fraction.BigFraction.ONE);
            }
        }
        String net = org.flatcheck.io.NetworkJson.toJson(org.flatcheck.network.Layered.of("big", sizes, w, null));
        Path f = dir.resolve("big.json");
        Files.writeString(f, "{\"format\":\"flatcheck-certificate/1\",\"claim\":\"function-invariance\",\"kind\":\"theorem\",\"source\":\"s\",\"statement\":{\"paper\":\"p\",\"checked\":\"c\"},\"verdict\":\"HOLDS\",\"networks\":{\"A\":"
                + net + "},\"checks\":[{\"role\":\"instance\",\"check\":\"same_path_values\",\"a\":\"A\",\"b\":\"A\"}]}");
        CliRun run = CliRun.of("verify-certificate", f.toString());
        assertEquals(4, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("at most 1000000"), run.err());
    }

    @Test
    void unknownClaimsAndBadOutDirectoriesAreUsageErrors() throws IOException {
        CliRun run = CliRun.of("prove", "no-such-claim", "--out", dir.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("prove --list"), run.err());
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        run = CliRun.of("prove", "function-invariance", "--out", file.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("not a directory"), run.err());
    }

    /** {@code prove --seed 2} into a directory of seed-1 certificates: refused, naming --overwrite, nothing changed. */
    @Test
    void aDifferentCertificateIsReplacedOnlyWithOverwrite() throws IOException {
        String id = "function-invariance";
        Path file = dir.resolve(id + ".json");
        assertEquals(0, CliRun.of("prove", id, "--quick", "--out", dir.toString()).code());
        byte[] seedOne = Files.readAllBytes(file);

        CliRun again = CliRun.of("prove", id, "--quick", "--out", dir.toString());
        assertEquals(0, again.code(), "the same certificate again is no conflict: " + again.err());

        CliRun refused = CliRun.of("prove", id, "--quick", "--seed", "2", "--out", dir.toString());
        assertEquals(2, refused.code(), refused.out() + refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().startsWith("error: " + file + ": ") && refused.err().contains("--overwrite"), refused.err());
        assertEquals("", refused.out(), "no table for certificates that were not written");
        assertTrue(java.util.Arrays.equals(seedOne, Files.readAllBytes(file)), "the seed-1 certificate is untouched");
        assertEquals(java.util.List.of(id + ".json"), listing(), "no temporary files, no marker");

        CliRun replaced = CliRun.of("prove", id, "--quick", "--seed", "2", "--overwrite", "--out", dir.toString());
        assertEquals(0, replaced.code(), replaced.err());
        assertFalse(java.util.Arrays.equals(seedOne, Files.readAllBytes(file)), "seed 2 gives another certificate");
        assertEquals(java.util.List.of(id + ".json"), listing());
    }

    /**
     * A prove stopped between two certificate files (here by a failing write after the first) leaves a
     * marker file that names the run and its files; later runs warn until one rewrites all of them.
     */
    @Test
    void aProveStoppedWhileWritingLeavesAMarkerThatSaysSo() throws IOException {
        String[] ids = {"function-invariance", "dinh-hessian-unbounded"};
        assertEquals(0, CliRun.of("prove", ids[0], ids[1], "--quick", "--out", dir.toString()).code());
        CertificateDirectory.afterEachWrite = f -> {
            throw new IllegalStateException("simulated kill after writing " + f.getFileName());
        };
        try {
            CliRun stopped = CliRun.of("prove", ids[0], ids[1], "--quick", "--seed", "2", "--overwrite", "--out", dir.toString());
            assertEquals(70, stopped.code(), stopped.err());
        } finally {
            CertificateDirectory.afterEachWrite = f -> { };
        }
        Path marker = dir.resolve(CertificateDirectory.MARKER);
        assertTrue(Files.isRegularFile(marker), "the marker stays: " + listing());
        String says = Files.readString(marker);
        assertTrue(says.contains(ids[0] + ".json") && says.contains(ids[1] + ".json") && says.contains("--seed 2"), says);

        CliRun partial = CliRun.of("prove", ids[1], "--quick", "--seed", "2", "--overwrite", "--out", dir.toString());
        assertEquals(0, partial.code(), partial.err());
        assertTrue(partial.err().contains(CertificateDirectory.MARKER), "a run that does not rewrite every file still warns: "
                + partial.err());
        assertTrue(Files.exists(marker));
        String finish = Files.readString(marker).lines().filter(l -> l.startsWith("  flatcheck prove ")).findFirst().orElse("");
        assertTrue(finish.contains(ids[0]) && finish.contains(ids[1]) && finish.contains("--overwrite"),
                "the command the marker gives proves every file it names, the earlier run's too: " + finish);

        CliRun both = CliRun.of("prove", ids[0], ids[1], "--quick", "--seed", "2", "--overwrite", "--out", dir.toString());
        assertEquals(0, both.code(), both.err());
        assertFalse(Files.exists(marker), "a complete run removes the marker");
        assertEquals(java.util.List.of(ids[1] + ".json", ids[0] + ".json"), listing());
    }

    @Test
    void theMarkersCommandQuotesItsDirectory() {
        assertEquals("certificates", ProveCommand.shellQuoted("certificates"));
        assertEquals("'my results/run 1'", ProveCommand.shellQuoted("my results/run 1"));
        assertEquals("'it'\\''s'", ProveCommand.shellQuoted("it's"));
    }

    private java.util.List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
