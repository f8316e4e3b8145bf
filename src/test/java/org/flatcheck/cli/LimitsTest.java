package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource limits: each ends the run with exit 4, a one-line message naming the flag, and no output file. */
class LimitsTest {
    @TempDir
    Path dir;

    @Test
    void timeoutStopsALongRunWithExitFourAndNoOutputFile() throws Exception {
        Path out = dir.resolve("classes.json");
        long start = System.nanoTime();
        // 9 grid values, 9 parameters: 387 420 489 networks, minutes of work.
        CliRun run = CliRun.of("classes", "--layers", "2,2,1", "--grid", "-4,-3,-2,-1,0,1,2,3,4", "-o", out.toString(),
                "--timeout", "0.5");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(4, run.code(), run.err());
        assertTrue(seconds < 5, "stopped promptly: " + seconds + " s");
        assertTrue(run.err().contains("--timeout 0.5 s reached"), run.err());
        assertTrue(run.err().strip().lines().count() <= 3, run.err());
        Thread.sleep(300);
        assertFalse(Files.exists(out), "no output file");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file either");
        }
    }

    @Test
    void aRunWithinItsTimeoutIsUnaffected() {
        CliRun run = CliRun.of("paths", "--net", "examples/xor.json", "--timeout", "60");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("paths"), run.out());
    }

    @Test
    void numbersAboveMaxBitsAreRefusedNamingTheFlag() throws Exception {
        Path net = dir.resolve("net.json");
        Files.writeString(net, "{\"layers\":[1,1,1],\"weights\":[[[\"123456789012345678901234567890\"]],[[\"1\"]]]}");
        assertEquals(0, CliRun.of("paths", "--net", net.toString()).code(), "97 bits are within the default");
        CliRun run = CliRun.of("paths", "--net", net.toString(), "--max-bits", "64");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("weights[0][0][0]") && run.err().contains("above --max-bits 64"), run.err());
        // A million digits is refused from its length alone, without parsing it.
        Files.writeString(net, "{\"layers\":[1,1,1],\"weights\":[[[\"" + "7".repeat(1_000_000) + "\"]],[[\"1\"]]]}");
        long start = System.nanoTime();
        run = CliRun.of("paths", "--net", net.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("1000000 digits"), run.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 5);
        Path csv = dir.resolve("d.csv");
        Files.writeString(csv, "x1,y1\n1/" + "3".repeat(40) + ",1\n");
        run = CliRun.of("hessian", "--net", "examples/xor.json", "--data", csv.toString(), "--max-bits", "64");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("--max-bits 64"), run.err());
        assertEquals(2, CliRun.of("paths", "--net", "examples/xor.json", "--max-bits", "10").code());
    }

    /**
     * Regression: the Burnside cross-check of --permutations listed all 12! = 479 001 600 permutations of
     * twelve hidden units (one network on the grid {1}) and never finished.
     */
    @Test
    void burnsideChecksOverHugeGroupsExitFourNamingTheFlag() {
        long start = System.nanoTime();
        CliRun run = CliRun.of("classes", "--layers", "1,12,1", "--grid", "1", "--permutations");
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().contains("479001600") && run.err().contains("--max-burnside"), run.err());
        assertTrue((System.nanoTime() - start) / 1e9 < 5, "refused before any work");
        CliRun small = CliRun.of("classes", "--layers", "1,3,1", "--grid", "1,2", "--permutations", "--json");
        assertEquals(0, small.code(), small.err());
        assertTrue(small.out().contains("\"burnside_agree\" : true"), small.out());
        CliRun capped = CliRun.of("classes", "--layers", "1,3,1", "--grid", "1,2", "--permutations", "--max-burnside", "10");
        assertEquals(4, capped.code(), capped.err());
        assertTrue(capped.err().contains("rescaling classes"), capped.err());
    }

    @Test
    void hessiansAboveTheParameterLimitExitFour() {
        CliRun run = CliRun.of("hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--max-hessian-params", "8");
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().startsWith("limit: ") && run.err().contains("--max-hessian-params 8"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void badTimeoutsAreUsageErrors() {
        for (String t : new String[] {"0", "-1", "abc", "Infinity"}) {
            CliRun run = CliRun.of("paths", "--net", "examples/xor.json", "--timeout", t);
            assertEquals(2, run.code(), t + ": " + run.err());
            assertTrue(run.err().contains("--timeout"), run.err());
        }
    }
}
