package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void auditJsonFollowsThePinnedShape() throws IOException {
        CliRun run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json",
                "--only", "hessian-trace,path-norm-l1,psi-flatness-trace,volume-flatness");
        assertEquals(0, run.code(), run.err());
        JsonNode ms = JSON.readTree(run.out()).get("measures");
        assertEquals(4, ms.size());
        for (JsonNode m : ms) {
            for (String key : new String[] {"id", "value", "verdicts", "counterexample", "citation"}) {
                assertTrue(m.has(key), m.get("id") + " has " + key);
            }
            for (String s : new String[] {"node_rescaling", "layer_scaling", "permutation"}) {
                String v = m.get("verdicts").get(s).asText();
                assertTrue(v.equals("INVARIANT") || v.equals("NOT_INVARIANT"), v);
            }
        }
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        ms.forEach(m -> byId.put(m.get("id").asText(), m));
        JsonNode trace = byId.get("hessian-trace");
        assertEquals("143/2", trace.get("value").get("exact").asText());
        assertEquals("NOT_INVARIANT", trace.get("verdicts").get("node_rescaling").asText());
        JsonNode cex = trace.get("counterexample").get("node_rescaling");
        assertTrue(cex.has("network") && cex.has("data") && cex.has("group_element"));
        assertTrue(byId.get("path-norm-l1").get("counterexample").isNull(), "invariant everywhere: no counterexample");
        assertTrue(byId.get("volume-flatness").get("value").get("unbounded").asBoolean());
    }

    /**
     * xor's output bias is 0, where the quotient metric of Rangamani et al. (dividing by each block's squared
     * norm) is undefined: both quotient measures say so, naming the block, and their NOT_INVARIANT verdict
     * under node rescaling still comes with a counterexample found on small random networks.
     */
    @Test
    void quotientMeasuresAreUndefinedOnAZeroBlockAndStillRefuted() throws IOException {
        CliRun run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json",
                "--only", "quotient-hessian-trace,quotient-hessian-lambda-max", "--tries", "2");
        assertEquals(0, run.code(), run.err());
        for (JsonNode m : JSON.readTree(run.out()).get("measures")) {
            String reason = m.get("value").get("undefined").asText();
            assertTrue(reason.contains("squared norm") && reason.contains("bias vector b1") && reason.endsWith("is 0"), reason);
            JsonNode cex = m.get("counterexample").get("node_rescaling");
            assertTrue(cex.has("value_before") && cex.has("value_after"), m.get("id") + ": " + cex);
        }
    }

    /**
     * The search is budgeted by counts: every try asked for is made (the wall-clock budget of earlier
     * versions silently made 3 of 10 on a 105-parameter network), and the old --budget option is refused
     * with what to use instead.
     */
    @Test
    void searchesAreBudgetedByCountsAndTheWallClockBudgetIsRefused() throws IOException {
        // Every random rescaling of xor is a valid element and the adaptive trace is exact and invariant, so
        // each try is one provably equal comparison.
        CliRun run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json",
                "--only", "adaptive-sharpness-trace", "--tries", "7");
        assertEquals(0, run.code(), run.err());
        JsonNode tries = JSON.readTree(run.out()).get("measures").get(0).get("tries");
        assertEquals(7, tries.get("node_rescaling").asInt(), "every try asked for is made");
        assertEquals(7, tries.get("layer_scaling").asInt(), "every try asked for is made");
        CliRun budget = CliRun.of("audit", "--net", "examples/xor.json", "--budget", "2");
        assertEquals(2, budget.code());
        assertTrue(budget.err().contains("--search-tries") && budget.err().contains("--shrink-steps")
                && budget.err().contains("--timeout"), budget.err());
        assertEquals(2, CliRun.of("audit", "--net", "examples/xor.json", "--shrink-steps", "-1").code());
    }

    /** Without shrinking, the counterexample found is reported as found: still exact, usually larger. */
    @Test
    void shrinkStepsBoundTheShrinking() throws IOException {
        String[] args = {"audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json", "--tries", "0",
            "--only", "hessian-trace"};
        JsonNode shrunk = JSON.readTree(CliRun.of(args).out()).get("measures").get(0).get("counterexample").get("node_rescaling");
        String[] none = java.util.Arrays.copyOf(args, args.length + 2);
        none[args.length] = "--shrink-steps";
        none[args.length + 1] = "0";
        JsonNode raw = JSON.readTree(CliRun.of(none).out()).get("measures").get(0).get("counterexample").get("node_rescaling");
        assertTrue(shrunk.get("network").get("name").asText().endsWith("-shrunk"), shrunk.toString());
        assertTrue(!raw.get("network").get("name").asText().endsWith("-shrunk"), raw.toString());
        assertTrue(!raw.get("value_before").equals(raw.get("value_after")), "still a counterexample");
    }

    @Test
    void latexTableIsAsciiWithOneRowPerMeasureAndBalancedBraces() {
        CliRun run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--latex", "--tries", "0");
        assertEquals(0, run.code(), run.err());
        String tex = run.out();
        assertTrue(tex.chars().allMatch(c -> c < 128), "pdflatex-safe: " + tex.chars().filter(c -> c >= 128)
                .mapToObj(c -> String.valueOf((char) c)).distinct().collect(java.util.stream.Collectors.joining()));
        assertTrue(tex.contains("\\begin{tabular}") && tex.contains("\\end{table}"));
        long rows = tex.lines().filter(l -> l.startsWith("\\texttt{")).count();
        assertEquals(org.flatcheck.measures.Catalog.load().all().size(), rows);
        int depth = 0;
        for (char c : tex.replace("\\{", "").replace("\\}", "").toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            assertTrue(depth >= 0);
        }
        assertEquals(0, depth, "braces balance");
        assertEquals(0, tex.replace("\\$", "").chars().filter(c -> c == '$').count() % 2, "math shifts pair up");
    }

    @Test
    void largeNetworksSkipHessianMeasuresButKeepPathMeasures() throws IOException {
        CliRun run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json",
                "--only", "hessian-trace,hessian-lambda-max,path-norm-l1", "--max-hessian-params", "8", "--tries", "2");
        assertEquals(0, run.code(), run.err());
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        JSON.readTree(run.out()).get("measures").forEach(m -> byId.put(m.get("id").asText(), m));
        assertEquals("skipped: P = 9 parameters > --max-hessian-params 8",
                byId.get("hessian-trace").get("value").get("undefined").asText());
        assertEquals("NOT_INVARIANT", byId.get("hessian-trace").get("verdicts").get("node_rescaling").asText(),
                "verdicts still come from the search over small networks");
        assertTrue(byId.get("path-norm-l1").get("value").has("exact"));
        run = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json",
                "--only", "hessian-trace,hessian-lambda-max", "--max-spectrum-params", "8", "--tries", "0");
        byId.clear();
        JSON.readTree(run.out()).get("measures").forEach(m -> byId.put(m.get("id").asText(), m));
        assertTrue(byId.get("hessian-trace").get("value").has("exact"), "the trace needs no spectrum");
        assertEquals("skipped: P = 9 parameters > --max-spectrum-params 8",
                byId.get("hessian-lambda-max").get("value").get("undefined").asText());
        assertEquals(2, CliRun.of("audit", "--net", "examples/xor.json", "--max-hessian-params", "0").code());
    }

    /**
     * Above 200 parameters (the old default refusal) λ_max comes from the certified enclosures and agrees
     * with {@code hessian}'s; the pseudo-determinant, which needs the characteristic polynomial, is skipped
     * naming --max-charpoly-params.
     */
    @Test
    void spectrumMeasuresRunAboveTwoHundredParameters() throws IOException {
        String net = "bench/nets/mlp-4-16-16-1.json";
        String data = "bench/nets/data-4-256.json";
        CliRun run = CliRun.of("audit", "--net", net, "--data", data, "--json", "--only", "hessian-lambda-max,hessian-pdet",
                "--tries", "0", "--search-tries", "1");
        assertEquals(0, run.code(), run.err()); // one small-network search finds the NOT_INVARIANT counterexamples
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        JSON.readTree(run.out()).get("measures").forEach(m -> byId.put(m.get("id").asText(), m));
        assertEquals("skipped: P = 369 parameters > --max-charpoly-params 200",
                byId.get("hessian-pdet").get("value").get("undefined").asText());
        JsonNode lambda = byId.get("hessian-lambda-max").get("value");
        JsonNode hessian = JSON.readTree(CliRun.of("hessian", "--net", net, "--data", data, "--json").out()).get("lambda_max");
        assertEquals(hessian.get("lo").asText(), lambda.get("lo").asText());
        assertEquals(hessian.get("hi").asText(), lambda.get("hi").asText());
    }

    @Test
    void networksWithoutParametersOrHiddenUnitsAreAuditedWithoutErrors() throws IOException {
        Path empty = dir.resolve("empty.json");
        Files.writeString(empty, "{\"inputs\":[\"x\"],\"outputs\":[\"y\"],\"edges\":[]}");
        Path linear = dir.resolve("linear.json");
        Files.writeString(linear, "{\"layers\":[2,1],\"weights\":[[[\"1\",\"2\"]]]}");
        Path d1 = dir.resolve("d1.json");
        Files.writeString(d1, "{\"inputs\":[[\"1\"]],\"targets\":[[\"1\"]]}");
        Path d2 = dir.resolve("d2.json");
        Files.writeString(d2, "{\"inputs\":[[\"1\",\"2\"],[\"3\",\"-1\"]],\"targets\":[[\"1\"],[\"0\"]]}");
        for (String[] args : new String[][] {{empty.toString(), d1.toString()}, {linear.toString(), d2.toString()}}) {
            CliRun run = CliRun.of("audit", "--net", args[0], "--data", args[1], "--json", "--tries", "3", "--search-tries", "50");
            assertTrue(run.code() == 0 || run.code() == 1, run.err());
            assertTrue(!run.err().contains("internal error"), run.err());
            assertTrue(JSON.readTree(run.out()).get("measures").size() > 20);
        }
    }

    @Test
    void relativeFlatnessOfTheFirstLayerIsAuditedAsInvariantUnderNodeRescaling() throws IOException {
        CliRun first = CliRun.of("audit", "--net", "examples/mlp-2-4-4-1.json", "--data", "examples/mlp-2-4-4-1-data.json",
                "--json", "--only", "relative-flatness", "--layer", "0", "--tries", "4");
        assertEquals(0, first.code(), first.err());
        JsonNode m = JSON.readTree(first.out()).get("measures").get(0);
        assertEquals("INVARIANT", m.get("verdicts").get("node_rescaling").asText());
        assertEquals(4, m.get("tries").get("node_rescaling").asInt(), "every try provably equal");
        CliRun last = CliRun.of("audit", "--net", "examples/mlp-2-4-4-1.json", "--data", "examples/mlp-2-4-4-1-data.json",
                "--json", "--only", "relative-flatness", "--layer", "2", "--tries", "4");
        assertEquals(0, last.code(), last.err());
        assertEquals("NOT_INVARIANT", JSON.readTree(last.out()).get("measures").get(0).get("verdicts").get("node_rescaling").asText());
    }

    @Test
    void badLayerAndSkeletonOptionsAreUsageErrors() {
        CliRun layer = CliRun.of("audit", "--net", "examples/mlp-2-4-4-1.json", "--data", "examples/mlp-2-4-4-1-data.json",
                "--layer", "3");
        assertEquals(2, layer.code());
        assertTrue(layer.err().contains("--layer") && layer.err().contains("0..2"), layer.err());
        CliRun skeleton = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json",
                "--skeleton", "diagnoal");
        assertEquals(2, skeleton.code());
        assertTrue(skeleton.err().contains("--skeleton") && skeleton.err().contains("diagonal, first or random:SEED"),
                skeleton.err());
        assertEquals("", skeleton.out());
    }
}
