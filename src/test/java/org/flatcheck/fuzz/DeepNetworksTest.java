package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid but extreme networks: a DAG that is one chain of 100 000 hidden nodes (x → h0 → … → y). Every
 * command keeps the CLI contract on it (exit 0 or 4, no stack trace) in reasonable time. Regressions: the
 * node lookup by name was a linear scan, so reading took quadratic time (51 s for 200 000 nodes), and
 * {@code paths --basis} recursed once per node and died of a StackOverflowError with a stack trace.
 */
class DeepNetworksTest {
    private static final int LENGTH = 50_000;
    private static final long MAX_MILLIS = 20_000;

    @TempDir
    static Path dir;

    private static Path chain() throws IOException {
        Path net = dir.resolve("chain.json");
        if (Files.exists(net)) {
            return net;
        }
        StringBuilder sb = new StringBuilder("{\"inputs\": [\"x\"], \"outputs\": [\"y\"], \"hidden\": [");
        for (int i = 0; i < LENGTH; i++) {
            sb.append(i == 0 ? "" : ", ").append("\"h").append(i).append('"');
        }
        sb.append("], \"edges\": [{\"from\": \"x\", \"to\": \"h0\", \"w\": \"1\"}");
        for (int i = 0; i < LENGTH - 1; i++) {
            sb.append(", {\"from\": \"h").append(i).append("\", \"to\": \"h").append(i + 1).append("\", \"w\": \"1\"}");
        }
        sb.append(", {\"from\": \"h").append(LENGTH - 1).append("\", \"to\": \"y\", \"w\": \"1/2\"}]}");
        Files.writeString(net, sb, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("data.json"), "{\"inputs\": [[\"1\"], [\"2\"]], \"targets\": [[\"1\"], [\"0\"]]}");
        return net;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"canon --net NET", "paths --net NET", "paths --net NET --basis --json",
        "hessian --net NET --data DATA --no-spectrum", "bounds --net NET --data DATA",
        "audit --net NET --data DATA --tries 1", "equiv NET NET", "rescale --net NET --node h5=2",
        "plot slice --net NET --data DATA -o OUT.svg"})
    void aChainOfFiftyThousandNodesKeepsTheContract(String command) throws IOException {
        Path net = chain();
        String[] args = command.replace("NET", net.toString()).replace("DATA", dir.resolve("data.json").toString())
                .replace("OUT", dir.resolve("out").toString())
                .split(" ");
        Cli.Run r = Cli.run(args);
        assertTrue(List.of(0, 4).contains(r.code()), r::toString);
        for (String bad : List.of("Exception", "Error", "\tat ")) {
            assertTrue(!r.err().contains(bad), () -> "no \"" + bad + "\" on stderr\n" + r);
        }
        assertTrue(r.err().lines().count() <= 3, r::toString);
        assertTrue(r.millis() < MAX_MILLIS, () -> "done within " + MAX_MILLIS + " ms\n" + r);
    }
}
