package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same command on the same inputs writes the same bytes — stdout and every file — on every run: no
 * timestamps, no timings, no hash or thread order, no dependence on the clock (searches are budgeted by
 * counts and seeds). Each command runs twice, into two fresh directories, and everything is compared
 * byte for byte; a few also run in separate JVMs restricted to one CPU and to two, which exercises the
 * parallel parts (the multimodular characteristic polynomial) under a different schedule.
 */
class ReproducibleOutputTest {
    @TempDir
    Path dir;

    private static final String XOR = "--net examples/xor.json --data examples/xor-data.json";
    private static final String MLP = "--net examples/mlp-2-3-1.json --data examples/mlp-2-3-1-data.csv";

    /** OUT is replaced by the run's own directory. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "audit " + XOR + " --json",
        "audit " + MLP + " --markdown --tries 3",
        "prove --json --quick --seed 2 --seeds 5 --out OUT/certificates",
        "hessian " + MLP + " --json --full",
        "bounds " + XOR + " --json",
        "paths --net examples/mlp-2-4-4-1.json --basis --json",
        "classes --layers 2,2,1 --grid -1,0,1 --permutations --json -o OUT/classes.json",
        "rescale --net examples/xor.json --node 1:0=3 -o OUT/xor3.json",
        "canon --net examples/mlp-2-4-4-1.json --json",
        "plot orbit " + XOR + " -o OUT/orbit.svg --json",
        "plot slice " + MLP + " --points 7 -o OUT/slice.png",
        "plot spectrum " + MLP + " -o OUT/spectrum.svg",
        "import examples/torch-mlp-2-4-1.safetensors -o OUT/torch.json",
        "export examples/xor.json -o OUT/xor.safetensors"})
    void twoRunsWriteTheSameBytes(String command) throws IOException {
        Snapshot first = runIn(command, Files.createDirectory(dir.resolve("first")));
        Snapshot second = runIn(command, Files.createDirectory(dir.resolve("second")));
        assertEquals(first.code, second.code, command);
        assertEquals(first.out, second.out, "stdout of " + command);
        assertEquals(first.files.keySet(), second.files.keySet(), "files written by " + command);
        for (String name : first.files.keySet()) {
            assertArrayEquals(first.files.get(name), second.files.get(name), name + " written by " + command);
        }
        assertTrue(first.code == ExitCode.OK || first.code == ExitCode.CHECK_FAILED, command + ": " + first.err);
    }

    private record Snapshot(int code, String out, String err, Map<String, byte[]> files) {
    }

    private static Snapshot runIn(String command, Path out) throws IOException {
        String[] args = command.replace("OUT", out.toString()).split(" ");
        CliRun run = CliRun.of(args);
        // Paths of this run's directory appear in some outputs (prove names its certificates): normalise them.
        String stdout = run.out().replace(out.toString(), "OUT");
        return new Snapshot(run.code(), stdout, run.err(), files(out));
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /**
     * In separate JVMs that see one CPU and two CPUs: the same stdout. The Hessian of the 2-4-4-1 network
     * needs a characteristic polynomial over 20+ primes, computed in parallel.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hessian --net examples/mlp-2-4-4-1.json --data examples/mlp-2-4-4-1-data.json --json",
        "audit " + XOR + " --json --tries 2"})
    void oneCpuAndTwoCpusPrintTheSameBytes(String command) throws Exception {
        assertEquals(java2(command, 1), java2(command, 2), command);
    }

    /** stdout of {@code command} in a fresh JVM with {@code cpus} active processors. */
    private String java2(String command, int cpus) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=" + cpus, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(command.split(" ")));
        Path out = dir.resolve("stdout-" + cpus);
        Path err = dir.resolve("stderr-" + cpus);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        // A hang guard only (the runs take seconds), so that a loaded machine never fails the test.
        assertTrue(p.waitFor(30, TimeUnit.MINUTES), "hung: " + command);
        assertTrue(p.exitValue() == 0 || p.exitValue() == 1, command + ": exit " + p.exitValue() + "\n" + Files.readString(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
