package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flatcheck.testing.Allocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource limits: each ends the run with exit 4, a one-line message naming the flag, and no output file. */
class LimitsTest {
    @TempDir
    Path dir;

    /**
     * The command's worker thread, once the run returned, must end by itself (a stopped run is not left
     * computing): joined without a time limit that could fail on a loaded machine, with a hang guard of
     * ten minutes only.
     */
    static void awaitWorker() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("flatcheck-command")) {
                t.join(600_000);
                assertFalse(t.isAlive(), "the stopped command's thread ended");
            }
        }
    }

    @Test
    void timeoutStopsALongRunWithExitFourAndNoOutput() throws Exception {
        Path out = dir.resolve("classes.json");
        // 9 grid values, 9 parameters: 387 420 489 networks, minutes of work.
        CliRun run = CliRun.of("classes", "--layers", "2,2,1", "--grid", "-4,-3,-2,-1,0,1,2,3,4", "-o", out.toString(),
                "--timeout", "0.5");
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().contains("--timeout 0.5 s reached"), run.err());
        assertTrue(run.err().strip().lines().count() <= 3, run.err());
        assertEquals("", run.out(), "no output on stdout either");
        awaitWorker();
        assertFalse(Files.exists(out), "no output file");
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file either");
        }
    }

    /**
     * prove decides every claim before writing; stopped by --timeout, it must leave nothing, not even its
     * --out directory (the first claims finish within the limit, the Keskar training alone takes longer).
     */
    @Test
    void aStoppedProveLeavesNoCertificate() throws Exception {
        Path out = dir.resolve("certificates");
        CliRun run = CliRun.of("prove", "--out", out.toString(), "--timeout", "0.5");
        assertEquals(4, run.code(), run.err());
        assertEquals("", run.out(), "nothing on stdout");
        awaitWorker();
        assertFalse(Files.exists(out), "no certificate, no temporary file, not even the directory");
    }

    /**
     * Cost guards count bits, not only parameters: 171 parameters (below every parameter limit) with 9000-bit
     * weights on 256 points would take hours; under the default options the estimate refuses it before any
     * arithmetic (the test finishing at all shows "at once"), naming the flag. audit reports the
     * Hessian-based measures as skipped and still computes the rest.
     */
    @Test
    void aHessianOfHugeNumbersIsRefusedAtOnceNamingTheFlag() throws Exception {
        String big = java.math.BigInteger.TWO.pow(9000).add(java.math.BigInteger.ONE) + "/3";
        String net = HugeNetworks.layeredJson(new int[] {4, 10, 10, 1}, big);
        StringBuilder data = new StringBuilder("{\"inputs\": [");
        StringBuilder targets = new StringBuilder("], \"targets\": [");
        for (int i = 0; i < 256; i++) {
            data.append(i == 0 ? "" : ", ").append("[\"").append(i % 7).append("/3\", \"1\", \"").append(i % 5).append("\", \"1/2\"]");
            targets.append(i == 0 ? "" : ", ").append("[\"").append(i % 3).append("\"]");
        }
        Path n = dir.resolve("huge.json");
        Path d = dir.resolve("huge-data.json");
        Files.writeString(n, net);
        Files.writeString(d, data.append(targets).append("]}"));
        CliRun run = CliRun.of("hessian", "--net", n.toString(), "--data", d.toString(), "--no-spectrum");
        assertEquals(4, run.code(), run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().contains("--max-hessian-work") && run.err().contains("bits"), run.err());
        CliRun audit = CliRun.of("audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json", "--tries", "0",
                "--only", "hessian-trace,path-norm-l2", "--max-hessian-work", "1000");
        assertEquals(0, audit.code(), audit.err());
        assertTrue(audit.out().contains("above --max-hessian-work 1000"), "Hessian measures skipped under a tiny work limit");
        assertTrue(audit.out().contains("\"path-norm-l2\""), "the path-based measures still run");
    }

    /** --progress only adds messages on stderr; stdout is the same with and without it. */
    @Test
    void progressDoesNotChangeTheOutput() {
        String[] args = {"hessian", "--net", "examples/xor.json", "--data", "examples/xor-data.json", "--json"};
        CliRun plain = CliRun.of(args);
        String[] withProgress = java.util.Arrays.copyOf(args, args.length + 1);
        withProgress[args.length] = "--progress";
        CliRun shown = CliRun.of(withProgress);
        assertEquals(0, shown.code(), shown.err());
        assertEquals(plain.out(), shown.out());
    }

    @Test
    void aRunWithinItsTimeoutIsUnaffected() throws Exception {
        CliRun run = CliRun.of("paths", "--net", "examples/xor.json", "--timeout", "600");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("paths"), run.out());
        assertEquals(CliRun.of("paths", "--net", "examples/xor.json").out(), run.out(), "the same output as without a limit");
        Path limited = dir.resolve("limited.json");
        Path free = dir.resolve("free.json");
        assertEquals(0, CliRun.of("rescale", "--net", "examples/xor.json", "--node", "1:0=3", "-o", limited.toString(),
                "--timeout", "600").code());
        assertEquals(0, CliRun.of("rescale", "--net", "examples/xor.json", "--node", "1:0=3", "-o", free.toString()).code());
        assertEquals(Files.readString(free), Files.readString(limited), "the same file as without a limit");
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
        // (The message counts the digits, which only the length check does: parsing would take quadratic time.)
        Files.writeString(net, "{\"layers\":[1,1,1],\"weights\":[[[\"" + "7".repeat(1_000_000) + "\"]],[[\"1\"]]]}");
        run = CliRun.of("paths", "--net", net.toString());
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().contains("1000000 digits"), run.err());
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
        CliRun[] runs = new CliRun[1];
        long bytes = Allocation.of(() -> runs[0] = CliRun.of("classes", "--layers", "1,12,1", "--grid", "1", "--permutations"));
        CliRun run = runs[0];
        assertEquals(4, run.code(), run.err());
        assertTrue(run.err().contains("479001600") && run.err().contains("--max-burnside"), run.err());
        // Refused from the group's order before listing it: 12! permutations would allocate gigabytes.
        assertTrue(bytes < 64L << 20, "refused before any work; allocated " + Allocation.mib(bytes));
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
