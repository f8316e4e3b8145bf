package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hessian --json} at a kink: exit 3 with a JSON object on stdout holding the loss, the reported site
 * ({@code kink_point}, {@code kink_node}), every vanishing pre-activation ({@code kink_sites}) and the
 * reason, which is also the one line on stderr.
 */
class HessianKinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void twoUnitsVanishingAtTheOriginAreBothListed() throws IOException {
        Path net = dir.resolve("net.json");
        Files.writeString(net, "{\"layers\": [2, 2, 1], \"weights\": [[[\"1\", \"-1\"], [\"-1\", \"2\"]], [[\"1\", \"1\"]]]}");
        Path data = dir.resolve("data.json");
        Files.writeString(data, "{\"inputs\": [[\"1\", \"3\"], [\"0\", \"0\"]], \"targets\": [[\"2\"], [\"1\"]]}");
        CliRun run = CliRun.of("hessian", "--net", net.toString(), "--data", data.toString(), "--json");
        assertEquals(3, run.code(), run.err());
        JsonNode o = JSON.readTree(run.out());
        assertTrue(o.get("kink").asBoolean());
        assertEquals("5", o.get("loss").asText(), "f(1, 3) = relu(−2) + relu(5) = 5 against 2, f(0, 0) = 0 against 1: (9 + 1)/2");
        assertEquals(1, o.get("kink_point").asInt());
        assertEquals("h1_0", o.get("kink_node").asText());
        JsonNode sites = o.get("kink_sites");
        assertEquals(2, sites.size());
        for (int j = 0; j < 2; j++) {
            assertEquals(1, sites.get(j).get("point").asInt());
            assertEquals("h1_" + j, sites.get(j).get("node").asText());
        }
        String reason = o.get("reason").asText();
        assertFalse(reason.contains("no other pre-activation is 0"), reason);
        assertTrue(reason.contains("h1_1 on data point 1") && reason.contains("polynomial"), reason);
        assertEquals(reason, run.err().strip(), "stderr is the reason, one line");
    }

    @Test
    void theExampleKinkListsItsOneSite() throws IOException {
        CliRun run = CliRun.of("hessian", "--net", "examples/kink-2-2-1.json", "--data", "examples/kink-2-2-1-data.json", "--json");
        assertEquals(3, run.code(), run.err());
        JsonNode o = JSON.readTree(run.out());
        assertEquals("20501/20736", o.get("loss").asText());
        assertEquals(1, o.get("kink_sites").size());
        assertEquals("h1_0", o.get("kink_sites").get(0).get("node").asText());
        assertEquals(o.get("kink_point").asInt(), o.get("kink_sites").get(0).get("point").asInt());
        assertTrue(o.get("reason").asText().contains("not differentiable at θ"), o.get("reason").asText());
    }
}
