package org.flatcheck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The contract over generated hostile inputs for several commands: every run of {@code hessian},
 * {@code paths}, {@code audit --only path-norm-l1}, {@code canon} (also with {@code -o}), {@code bounds}
 * and {@code verify-certificate} on a mutated network, dataset or certificate exits 0, 2, 3 or 4 (1 for
 * {@code verify-certificate}), with at most three lines on stderr, no stack trace, within 5 s, and leaves
 * no file behind except a successful run's own output.
 */
class CliContractProperties {
    private static final String XOR_DATA = Seeds.ROOT.resolve("examples/xor-data.json").toString();

    /** Commands reading a hostile network {@code n}; the second argument is the run's directory. */
    private static final List<BiFunction<Path, Path, String[]>> NETWORK_COMMANDS = List.of(
            (n, d) -> new String[] {"hessian", "--net", n.toString(), "--data", XOR_DATA},
            (n, d) -> new String[] {"paths", "--net", n.toString()},
            (n, d) -> new String[] {"paths", "--net", n.toString(), "--basis", "--json"},
            (n, d) -> new String[] {"audit", "--net", n.toString(), "--data", XOR_DATA, "--only", "path-norm-l1"},
            (n, d) -> new String[] {"canon", "--net", n.toString(), "--permutations"},
            (n, d) -> new String[] {"canon", "--net", n.toString(), "-o", d.resolve("out.json").toString()},
            (n, d) -> new String[] {"bounds", "--net", n.toString(), "--data", XOR_DATA});

    /** Commands reading a hostile dataset {@code f}. */
    private static final List<BiFunction<Path, Path, String[]>> DATA_COMMANDS = List.of(
            (f, d) -> new String[] {"hessian", "--net", Seeds.PARTNER_NET.toString(), "--data", f.toString()},
            (f, d) -> new String[] {"bounds", "--net", Seeds.PARTNER_NET.toString(), "--data", f.toString()},
            (f, d) -> new String[] {"audit", "--net", Seeds.PARTNER_NET.toString(), "--data", f.toString(),
                "--only", "path-norm-l1"});

    @Property(tries = 200)
    void networkCommandsKeepTheContract(@ForAll("networks") Seed seed, @ForAll @IntRange(min = 0, max = 100_000) int node,
            @ForAll JsonMutator.Kind kind, @ForAll("hostile") String value, @ForAll @IntRange(min = 0, max = 6) int command) {
        byte[] bytes = JsonMutator.mutate(JsonMutator.parse(seed.bytes()), node, kind, value).getBytes(StandardCharsets.UTF_8);
        run(seed.target(), bytes, NETWORK_COMMANDS.get(command), false);
    }

    @Property(tries = 100)
    void dataCommandsKeepTheContract(@ForAll("datasets") Seed seed, @ForAll @IntRange(min = 0, max = 100_000) int node,
            @ForAll JsonMutator.Kind kind, @ForAll("hostile") String value, @ForAll @IntRange(min = 0, max = 2) int command) {
        byte[] bytes = seed.target().suffix.equals(".csv") ? csv(seed.bytes(), node, value)
                : JsonMutator.mutate(JsonMutator.parse(seed.bytes()), node, kind, value).getBytes(StandardCharsets.UTF_8);
        run(seed.target(), bytes, DATA_COMMANDS.get(command), false);
    }

    @Property(tries = 60)
    void verifyCertificateKeepsTheContract(@ForAll("certificates") Seed seed, @ForAll @IntRange(min = 0, max = 100_000) int node,
            @ForAll JsonMutator.Kind kind, @ForAll("hostile") String value) {
        byte[] bytes = JsonMutator.mutate(JsonMutator.parse(seed.bytes()), node, kind, value).getBytes(StandardCharsets.UTF_8);
        run(seed.target(), bytes, (f, d) -> new String[] {"verify-certificate", f.toString()}, true);
    }

    private static byte[] csv(byte[] seed, int cell, String value) {
        String[] cells = new String(seed, StandardCharsets.UTF_8).split(",", -1);
        cells[cell % cells.length] = value;
        return String.join(",", cells).getBytes(StandardCharsets.UTF_8);
    }

    private static void run(Target t, byte[] bytes, BiFunction<Path, Path, String[]> command, boolean checks) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flatcheck-fuzz");
            Path file = dir.resolve("input" + t.suffix);
            Files.write(file, bytes);
            Path runDir = dir;
            Cli.Run r = Cli.run(command.apply(file, runDir));
            boolean wroteOutput = r.code() == 0 && List.of(r.args()).contains("-o");
            Cli.assertContract(r, checks, dir, wroteOutput ? List.of("input" + t.suffix, "out.json") : List.of("input" + t.suffix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Files0.deleteTree(dir);
        }
    }

    @Provide
    Arbitrary<Seed> networks() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target().name().startsWith("NETWORK")).toList());
    }

    @Provide
    Arbitrary<Seed> datasets() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target().name().startsWith("DATASET")).toList());
    }

    @Provide
    Arbitrary<Seed> certificates() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target() == Target.CERTIFICATE).toList());
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(JsonMutator.HOSTILE);
    }
}
