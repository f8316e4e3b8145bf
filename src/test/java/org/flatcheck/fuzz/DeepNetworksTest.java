package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flatcheck.testing.Allocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid but extreme networks: a DAG that is one chain of hidden nodes (x → h0 → … → y). Every command
 * keeps the CLI contract on a chain of 50 000 nodes (exit 0 or 4, no stack trace), and what it allocates
 * grows linearly: doubling the chain from 25 000 nodes must less than triple the heap bytes allocated
 * (Θ(n²) memory would quadruple them). Allocated bytes, not seconds, so the check means the same on a
 * loaded machine; {@code bench/deep-chain.sh} times the same commands.
 *
 * <p>Regressions: {@code paths --basis} recursed once per node and died of a StackOverflowError with a
 * stack trace; the skeleton basis held Θ(n²) numbers; the path norms scaled every node's sum by D^depth,
 * so {@code paths}, {@code bounds} and {@code audit} allocated 1.1, 1.2 and 27 GB at 50 000 nodes (27 s for
 * the audit); the node lookup by name was a linear scan (quadratic time, 51 s for 200 000 nodes).
 */
class DeepNetworksTest {
    private static final int LENGTH = 50_000;

    @TempDir
    static Path dir;

    private static Path chain(int length) throws IOException {
        Path net = dir.resolve("chain-" + length + ".json");
        if (Files.exists(net)) {
            return net;
        }
        StringBuilder sb = new StringBuilder("{\"inputs\": [\"x\"], \"outputs\": [\"y\"], \"hidden\": [");
        for (int i = 0; i < length; i++) {
            sb.append(i == 0 ? "" : ", ").append("\"h").append(i).append('"');
        }
        sb.append("], \"edges\": [{\"from\": \"x\", \"to\": \"h0\", \"w\": \"1\"}");
        for (int i = 0; i < length - 1; i++) {
            sb.append(", {\"from\": \"h").append(i).append("\", \"to\": \"h").append(i + 1).append("\", \"w\": \"1\"}");
        }
        sb.append(", {\"from\": \"h").append(length - 1).append("\", \"to\": \"y\", \"w\": \"1/2\"}]}");
        Files.writeString(net, sb, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data.json"), "{\"inputs\": [[\"1\"], [\"2\"]], \"targets\": [[\"1\"], [\"0\"]]}");
        return net;
    }

    private static Cli.Run run(String command, int length) throws IOException {
        String[] args = command.replace("NET", chain(length).toString()).replace("DATA", dir.resolve("data.json").toString())
                .replace("OUT", dir.resolve("out").toString())
                .split(" ");
        Cli.Run r = Cli.run(args);
        assertTrue(List.of(0, 4).contains(r.code()), r::toString);
        for (String bad : List.of("Exception", "Error", "\tat ")) {
            assertTrue(!r.err().contains(bad), () -> "no \"" + bad + "\" on stderr\n" + r);
        }
        assertTrue(r.err().lines().count() <= 3, r::toString);
        if (r.code() == 4) {
            assertTrue(r.err().startsWith("limit: "), () -> "a limit names itself\n" + r);
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"canon --net NET", "paths --net NET", "paths --net NET --basis --json",
        "hessian --net NET --data DATA --no-spectrum", "bounds --net NET --data DATA",
        "audit --net NET --data DATA --tries 1", "equiv NET NET", "rescale --net NET --node h5=2"})
    void aChainOfFiftyThousandNodesKeepsTheContractInLinearMemory(String command) throws IOException {
        Cli.Run half = run(command, LENGTH / 2);
        Cli.Run full = run(command, LENGTH);
        assertTrue(full.code() == half.code(), () -> "the same outcome at both lengths\n" + half + "\n" + full);
        assertTrue(full.allocated() < 3 * half.allocated(), () -> "linear memory: " + Allocation.mib(half.allocated())
                + " at " + LENGTH / 2 + " nodes, " + Allocation.mib(full.allocated()) + " at " + LENGTH + "\n" + full);
    }

    /**
     * The exact loss along a slice multiplies 50 000 float-derived weights: its numbers genuinely grow to
     * millions of bits, so the run may end at the memory limit (exit 4), but cleanly.
     */
    @Test
    void aSlicePlotOfAChainEndsCleanly() throws IOException {
        run("plot slice --net NET --data DATA -o OUT.svg", LENGTH);
        assertTrue(!Files.exists(dir.resolve("out.svg")) || Files.isRegularFile(dir.resolve("out.svg")));
    }
}
