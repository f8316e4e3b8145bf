package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flatcheck.bounds.Bounds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The independent-reference network of BoundReferenceTest (2-2-1, no biases) and its data. */
    private Path[] reference() throws IOException {
        Path net = dir.resolve("net.json");
        Files.writeString(net, "{\"layers\":[2,2,1],\"weights\":[[[\"1\",\"-1/3\"],[\"2\",\"1\"]],[[\"3/2\",\"-1\"]]]}");
        Path data = dir.resolve("data.json");
        Files.writeString(data, "{\"inputs\":[[\"1\",\"2\"],[\"-1\",\"1/2\"],[\"2\",\"-1\"]],\"targets\":[[\"1\"],[\"0\"],[\"1/2\"]]}");
        return new Path[] {net, data};
    }

    @Test
    void jsonFollowsThePinnedShape() throws IOException {
        Path[] in = reference();
        CliRun run = CliRun.of("bounds", "--net", in[0].toString(), "--data", in[1].toString(), "--json", "--delta", "0.05");
        assertEquals(0, run.code(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals("1/20", root.get("delta").asText());
        JsonNode bounds = root.get("bounds");
        assertEquals(Bounds.builtIns().size(), bounds.size());
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode b : bounds) {
            for (String key : new String[] {"id", "value", "verdicts", "formula", "citation"}) {
                assertTrue(b.has(key), b.get("id") + " has " + key);
            }
            JsonNode v = b.get("value");
            assertTrue(v.has("numeric") && v.has("precision") || v.has("undefined"), v.toString());
            for (String s : new String[] {"node_rescaling", "layer_scaling", "permutation"}) {
                String verdict = b.get("verdicts").get(s).asText();
                assertTrue(verdict.equals("INVARIANT") || verdict.equals("NOT_INVARIANT"), verdict);
            }
            byId.put(b.get("id").asText(), b);
        }
        // reference.py: 14.3664726992908397262902640658 and 26.5726957183626733111102032861 (δ = 1/20).
        assertTrue(byId.get("b17-spectral-complexity").get("value").get("numeric").asText().startsWith("14.36647269929083972629026406"));
        assertTrue(byId.get("nbs18-spectral-frobenius").get("value").get("numeric").asText().startsWith("26.57269571836267331111020328"));
        assertTrue(byId.get("nbs18-spectral-frobenius").get("value").get("precision").asText().contains("30 significant digits"));
        assertEquals("NOT_INVARIANT", byId.get("b17-spectral-complexity").get("verdicts").get("node_rescaling").asText());
        assertFalse(byId.containsKey("y19-psi-bound"), "no term without a stated inequality is printed");
        for (JsonNode b : bounds) {
            String note = b.get("source_note").asText();
            assertFalse(note.contains("not available") || note.contains("could not be read") || note.contains("not readable"), note);
        }
        assertEquals("5", byId.get("n15-path-l1-rademacher").get("exact_inputs").get("‖v‖₁ (path-norm-l1)").get("exact").asText());
    }

    @Test
    void deltaEntersOnlyTheTermsThatUseIt() throws IOException {
        Path[] in = reference();
        Map<String, String> a = values(in, "0.05");
        Map<String, String> b = values(in, "1/1000");
        assertFalse(a.get("nbs18-spectral-frobenius").equals(b.get("nbs18-spectral-frobenius")), "ln(dn/δ) moves");
        assertTrue(new BigDecimal(b.get("nbs18-spectral-frobenius")).compareTo(new BigDecimal(a.get("nbs18-spectral-frobenius"))) > 0);
        for (String id : List.of("g24-path-l1", "b17-spectral-complexity", "j20-pacbayes-orig")) {
            assertEquals(a.get(id), b.get(id), id);
        }
    }

    private Map<String, String> values(Path[] in, String delta) throws IOException {
        CliRun run = CliRun.of("bounds", "--net", in[0].toString(), "--data", in[1].toString(), "--json", "--delta", delta);
        assertEquals(0, run.code(), run.err());
        Map<String, String> m = new HashMap<>();
        for (JsonNode b : JSON.readTree(run.out()).get("bounds")) {
            JsonNode v = b.get("value");
            m.put(b.get("id").asText(), v.has("numeric") ? v.get("numeric").asText() : "undefined");
        }
        return m;
    }

    @Test
    void textTableListsEveryTermWithFormulaCitationAndDigits() {
        CliRun run = CliRun.of("bounds", "--net", "examples/mlp-2-3-1.json", "--data", "examples/mlp-2-3-1-data.csv", "--digits", "12");
        assertEquals(0, run.code(), run.err());
        for (var t : Bounds.builtIns()) {
            assertTrue(run.out().contains(t.id()), t.id());
            assertTrue(run.out().contains(t.citation()), t.id());
        }
        assertTrue(run.out().contains("(numeric, 12 significant digits)"), run.out());
        assertTrue(run.out().contains("undefined: [B17] is stated for networks without biases"), "biases → undefined with a reason");
    }

    /**
     * The spectral terms need exact spectral norms, whose cost grows with the bits of the weights: 1500-bit
     * weights (a [4,10,10,1] network, far below every parameter limit) are estimated above the default
     * --max-charpoly-work and skipped at once, naming the flag; a small limit skips them on a small network too.
     */
    @Test
    void spectralTermsAboveTheWorkLimitAreSkippedNamingTheFlag() throws Exception {
        int[] sizes = {4, 10, 10, 1};
        String big = java.math.BigInteger.TWO.pow(1500).add(java.math.BigInteger.ONE) + "/3";
        String net = HugeNetworks.layeredJson(sizes, big);
        Path n = dir.resolve("big.json");
        Files.writeString(n, net);
        Path d = dir.resolve("data.json");
        Files.writeString(d, "{\"inputs\": [[\"1\", \"2\", \"0\", \"1/2\"], [\"0\", \"1\", \"3\", \"1\"]], \"targets\": [[\"1\"], [\"0\"]]}");
        for (String[] args : new String[][] {
            {"bounds", "--net", n.toString(), "--data", d.toString(), "--json", "--digits", "5", "--max-hessian-work", "1"},
            {"bounds", "--net", "examples/mlp-2-4-4-1.json", "--data", "examples/mlp-2-4-4-1-data.json", "--json", "--digits", "5",
                "--max-charpoly-work", "1000"}}) {
            CliRun run = CliRun.of(args);
            assertEquals(0, run.code(), run.err());
            int skipped = 0;
            for (JsonNode b : new ObjectMapper().readTree(run.out()).get("bounds")) {
                boolean spectral = Bounds.builtIns().stream().anyMatch(t -> t.id().equals(b.get("id").asText()) && t.needsSpectralNorms());
                if (spectral) {
                    assertTrue(b.get("value").path("undefined").asText().contains("--max-charpoly-work"), b.toString());
                    skipped++;
                }
            }
            assertEquals(2, skipped, "B17 and NBS18 are skipped");
        }
    }

    /** Above --max-hessian-work the Hessian terms are skipped with the estimate and the flag; the others still run. */
    @Test
    void hessianTermsAboveTheWorkLimitAreSkippedNamingTheFlag() throws Exception {
        String[] args = {"bounds", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--digits", "8", "--json"};
        CliRun free = CliRun.of(args);
        String[] limited = java.util.Arrays.copyOf(args, args.length + 2);
        limited[args.length] = "--max-hessian-work";
        limited[args.length + 1] = "1000";
        CliRun run = CliRun.of(limited);
        assertEquals(0, run.code(), run.err());
        JsonNode before = new ObjectMapper().readTree(free.out()).get("bounds");
        JsonNode after = new ObjectMapper().readTree(run.out()).get("bounds");
        int skipped = 0;
        for (int i = 0; i < after.size(); i++) {
            String id = after.get(i).get("id").asText();
            boolean hessian = Bounds.builtIns().stream().anyMatch(t -> t.id().equals(id) && t.needsHessian());
            if (hessian) {
                assertTrue(after.get(i).get("value").path("undefined").asText().contains("--max-hessian-work 1000"), id);
                skipped++;
            } else {
                assertEquals(before.get(i).get("value"), after.get(i).get("value"), id + ": terms without the Hessian are unchanged");
            }
        }
        assertTrue(skipped > 0, "some term needs the Hessian");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-0.5", "1.5", "abc", "1/0", ""})
    void badDeltaIsExit2WithOneLineNamingTheFlagAndTheFix(String delta) {
        CliRun run = CliRun.of("bounds", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--delta", delta);
        assertEquals(ExitCode.BAD_INPUT, run.code(), run.toString());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains("--delta") && lines.get(0).contains("between 0 and 1"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "x"})
    void badDigitsIsExit2WithOneLine(String digits) {
        CliRun run = CliRun.of("bounds", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--digits", digits);
        assertEquals(ExitCode.BAD_INPUT, run.code(), run.toString());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("--digits"), run.err());
    }
}
