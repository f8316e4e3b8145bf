package org.flatcheck.cli;

import static org.flatcheck.testing.TensorBytes.concat;
import static org.flatcheck.testing.TensorBytes.f32;
import static org.flatcheck.testing.TensorBytes.f64;
import static org.flatcheck.testing.TensorBytes.npy;
import static org.flatcheck.testing.TensorBytes.npyWithHeader;
import static org.flatcheck.testing.TensorBytes.safetensors;
import static org.flatcheck.testing.TensorBytes.safetensorsClaiming;
import static org.flatcheck.testing.TensorBytes.u16;
import static org.flatcheck.testing.TensorBytes.zip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.flatcheck.exact.Q;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code import} and {@code export} end to end: exact values, the name mapping, and the bad-input
 * contract (exit 2, one line naming file, tensor or field and a fix, no output file left behind).
 */
class ImportExportCommandTest {
    @TempDir
    Path dir;

    /** A valid 2-2-1 state dict in F32: 0.weight (2, 2), 0.bias (2), 2.weight (1, 2), 2.bias (1). */
    private static final String HEADER = "{'__metadata__': {'format': 'pt'},"
            + " '0.weight': {'dtype': 'F32', 'shape': [2, 2], 'data_offsets': [0, 16]},"
            + " '0.bias': {'dtype': 'F32', 'shape': [2], 'data_offsets': [16, 24]},"
            + " '2.weight': {'dtype': 'F32', 'shape': [1, 2], 'data_offsets': [24, 32]},"
            + " '2.bias': {'dtype': 'F32', 'shape': [1], 'data_offsets': [32, 36]}}";
    private static final byte[] DATA = f32(1f, 1f, 1f, 1f, -0.5f, -1.5f, 2f, -6f, 0f);

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static String tensor(String name, String dtype, String shape, int begin, int end) {
        return "'" + name + "': {'dtype': '" + dtype + "', 'shape': " + shape + ", 'data_offsets': [" + begin + ", " + end + "]}";
    }

    private static byte[] one(String dtype, String shape, int bytes, byte[] data) {
        return safetensors("{" + tensor("0.weight", dtype, shape, 0, bytes) + "}", data);
    }

    @Test
    void importWritesTheExactNetworkAndASummary() throws IOException {
        Path model = write("xor.safetensors", safetensors(HEADER, DATA));
        Path out = dir.resolve("net.json");
        CliRun r = CliRun.of("import", model.toString(), "--layers", "2,2,1", "-o", out.toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        assertTrue(r.out().contains("[2, 2, 1]") && r.out().contains("9 parameters") && r.out().contains("format=pt"), r::toString);
        Network net = NetworkJson.read(out);
        assertEquals("xor", net.name());
        Network xor = NetworkJson.read(Path.of("examples/xor.json"));
        assertEquals(xor.withName("xor"), net);
    }

    @Test
    void importWithoutOutputPrintsTheJson() throws IOException {
        Path model = write("m.safetensors", safetensors(HEADER, DATA));
        CliRun r = CliRun.of("import", model.toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().contains("\"-1/2\", \"-3/2\""), r::toString);
    }

    @Test
    void ignoredTensorsAreLeftOutAndMustExist() throws IOException {
        String header = "{" + tensor("0.weight", "F32", "[1, 1]", 0, 4) + ", " + tensor("1.running_mean", "F32", "[1]", 4, 8)
                + ", " + tensor("1.num_batches_tracked", "I64", "[]", 8, 16) + "}";
        Path model = write("bn.safetensors", safetensors(header, concat(f32(0.5f, Float.NaN), new byte[8])));
        CliRun refused = CliRun.of("import", model.toString());
        assertBadInput(refused, "bn.safetensors", "1.running_mean");
        assertTrue(refused.err().contains("--ignore 1.running_mean,1.num_batches_tracked"), refused::toString);
        CliRun ok = CliRun.of("import", model.toString(), "--ignore", "1.running_mean,1.num_batches_tracked");
        assertEquals(ExitCode.OK, ok.code(), ok::toString);
        CliRun typo = CliRun.of("import", model.toString(), "--ignore", "1.running_man,1.num_batches_tracked");
        assertBadInput(typo, "bn.safetensors", null);
        assertTrue(typo.err().contains("\"1.running_man\""), typo::toString);
    }

    @Test
    void missingBiasesAreFilledOnlyOnRequestWithANote() throws IOException {
        String header = "{" + tensor("fc1.weight", "F32", "[1, 1]", 0, 4) + ", " + tensor("fc1.bias", "F32", "[1]", 4, 8)
                + ", " + tensor("fc2.weight", "F32", "[1, 1]", 8, 12) + "}";
        Path model = write("mixed.safetensors", safetensors(header, f32(1f, 2f, 3f)));
        assertBadInput(CliRun.of("import", model.toString()), "mixed.safetensors", "fc2.weight");
        Path out = dir.resolve("mixed.json");
        CliRun r = CliRun.of("import", model.toString(), "--fill-missing-biases", "-o", out.toString());
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.err().startsWith("note: ") && r.err().contains("fc2.weight"), r::toString);
        assertEquals(Q.of(0), Layered.biases(NetworkJson.read(out))[1][0]);
    }

    @Test
    void layersThatDisagreeWithTheFileAreBadInputNamingTheTensor() throws IOException {
        Path model = write("m.safetensors", safetensors(HEADER, DATA));
        Path out = dir.resolve("out.json");
        assertBadInput(CliRun.of("import", model.toString(), "--layers", "2,3,1", "-o", out.toString()), "m.safetensors",
                "0.weight");
        assertBadInput(CliRun.of("import", model.toString(), "--layers", "2,2,2,1", "-o", out.toString()), "m.safetensors",
                null);
        assertFalse(Files.exists(out));
        CliRun usage = CliRun.of("import", model.toString(), "--layers", "2,x,1");
        assertEquals(ExitCode.BAD_INPUT, usage.code(), usage::toString);
        assertTrue(usage.err().contains("--layers"), usage::toString);
    }

    static Stream<Arguments> badModels() {
        String w = "\"0.weight\"";
        return Stream.of(
                // safetensors framing
                Arguments.of("st-empty.safetensors", new byte[0], null),
                Arguments.of("st-short.safetensors", new byte[] {1, 0, 0}, null),
                Arguments.of("st-length-beyond-file.safetensors", safetensorsClaiming(1000, "{}", new byte[4]), "header length"),
                Arguments.of("st-length-2^64-1.safetensors", safetensorsClaiming(-1L, "{}", new byte[4]), "header length"),
                Arguments.of("st-header-not-json.safetensors", safetensors("{'0.weight': {'dtype': ", new byte[0]), "header"),
                Arguments.of("st-header-array.safetensors", safetensors("[1, 2]", new byte[0]), "header"),
                Arguments.of("st-header-duplicate.safetensors", safetensors("{" + tensor("a", "F32", "[1]", 0, 4) + ", "
                        + tensor("a", "F32", "[1]", 0, 4) + "}", f32(1f)), "header"),
                // header entries
                Arguments.of("st-unknown-dtype.safetensors", one("F128", "[1]", 16, new byte[16]), w + ".dtype"),
                Arguments.of("st-undecodable-dtype.safetensors", one("F8_E4M3", "[1, 1]", 1, new byte[1]), w),
                Arguments.of("st-offsets-beyond-data.safetensors", one("F32", "[2, 2]", 16, f32(1f, 2f)), w + ".data_offsets"),
                Arguments.of("st-offsets-wrong-size.safetensors", one("F32", "[2, 2]", 12, f32(1f, 2f, 3f, 4f)), w + ".data_offsets"),
                Arguments.of("st-offsets-reversed.safetensors", safetensors("{" + w + ": {'dtype': 'F32', 'shape': [1],"
                        + " 'data_offsets': [4, 0]}}", f32(1f)), w + ".data_offsets"),
                Arguments.of("st-offsets-missing.safetensors", safetensors("{" + w + ": {'dtype': 'F32', 'shape': [1]}}",
                        f32(1f)), w + ".data_offsets"),
                Arguments.of("st-offsets-overlap.safetensors", safetensors("{" + tensor("0.weight", "F32", "[2]", 0, 8) + ", "
                        + tensor("0.bias", "F32", "[2]", 4, 12) + "}", f32(1f, 2f, 3f)), ".data_offsets"),
                Arguments.of("st-negative-dim.safetensors", one("F32", "[-1, 2]", 8, f32(1f, 2f)), w + ".shape[0]"),
                Arguments.of("st-shape-overflow.safetensors", one("F32", "[4294967296, 4294967296, 4294967296]", 4, f32(1f)),
                        w + ".shape"),
                Arguments.of("st-more-elements-than-bytes.safetensors", one("F64", "[1000000000]", 8, f64(1)), w + ".shape"),
                Arguments.of("st-unknown-field.safetensors", safetensors("{" + w + ": {'dtype': 'F32', 'shape': [1],"
                        + " 'data_offsets': [0, 4], 'offset': 0}}", f32(1f)), w + ".offset"),
                Arguments.of("st-metadata-not-string.safetensors", safetensors("{'__metadata__': {'epochs': 3}}", new byte[0]),
                        "__metadata__.epochs"),
                // non-finite values, named with tensor and index
                Arguments.of("st-nan-f32.safetensors", one("F32", "[2, 2]", 16, f32(1f, 2f, 3f, Float.NaN)), "index [1, 1]"),
                Arguments.of("st-inf-f16.safetensors", one("F16", "[1, 2]", 4, u16(0x3C00, 0x7C00)), "+Inf"),
                Arguments.of("st-neg-inf-bf16.safetensors", one("BF16", "[2, 1]", 4, u16(0xFF80, 0x3F80)), "index [0, 0]"),
                Arguments.of("st-nan-f64.safetensors", one("F64", "[1, 1]", 8, f64(Double.NaN)), "NaN"),
                // .npy / .npz
                Arguments.of("object.npy", npy(1, "|O", false, "(1,)", new byte[8]), "descr"),
                Arguments.of("structured.npy", npyWithHeader(1, "{'descr': [('a', '<f4')], 'fortran_order': False,"
                        + " 'shape': (1,), }", f32(1f)), "header"),
                Arguments.of("version9.npy", concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0}), null),
                Arguments.of("header-length.npy", concat(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
                    (byte) 0xff, (byte) 0xff}, "{}".getBytes(StandardCharsets.US_ASCII)), "header length"),
                Arguments.of("bad-header.npy", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }",
                        f32(1f)), "header"),
                Arguments.of("truncated.npy", npy(1, "<f4", false, "(2, 2)", f32(1f, 2f, 3f)), "truncated"),
                Arguments.of("trailing.npy", npy(1, "<f4", false, "(1,)", f32(1f, 2f)), "after the array"),
                Arguments.of("native-order.npy", npy(1, "=f4", false, "(1,)", f32(1f)), "descr"),
                Arguments.of("complex.npy", npy(1, "<c16", false, "(1,)", new byte[16]), "descr"),
                Arguments.of("nan-fortran.npy", npy(1, "<f8", true, "(2, 2)", f64(1, 2, Double.NaN, 4)), "index [0, 1]"),
                Arguments.of("not-npy.npy", "hello".getBytes(StandardCharsets.US_ASCII), null),
                Arguments.of("other-entry.npz", zip(Map.of("README.txt", new byte[] {'h', 'i'}), false), "README.txt"),
                Arguments.of("corrupt.npz", concat(new byte[] {'P', 'K', 3, 4}, new byte[40]), null),
                Arguments.of("nan-entry.npz", zip(Map.of("0.weight.npy", npy(1, "<f4", false, "(1, 1)", f32(Float.NaN))), true),
                        "0.weight.npy"),
                // name mapping
                Arguments.of("unrelated.safetensors", safetensors("{" + tensor("0.weight", "F32", "[1, 1]", 0, 4) + ", "
                        + tensor("1.running_var", "F32", "[1]", 4, 8) + "}", f32(1f, 1f)), "1.running_var"),
                Arguments.of("chain.safetensors", safetensors("{" + tensor("0.weight", "F32", "[2, 1]", 0, 8) + ", "
                        + tensor("2.weight", "F32", "[1, 3]", 8, 20) + "}", f32(1f, 1f, 1f, 1f, 1f)), "2.weight"),
                Arguments.of("norm.safetensors", safetensors("{" + tensor("0.weight", "F32", "[1, 1]", 0, 4) + ", "
                        + tensor("1.weight", "F32", "[1]", 4, 8) + "}", f32(1f, 1f)), "1.weight"),
                Arguments.of("no-tensors.safetensors", safetensors("{'__metadata__': {'format': 'pt'}}", new byte[0]), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badModels")
    void badModelFileGetsOneLineNamingFileTensorAndFixAndNoOutput(String name, byte[] bytes, String field) throws IOException {
        Path model = write(name, bytes);
        Path out = dir.resolve("out.json");
        assertBadInput(CliRun.of("import", model.toString(), "-o", out.toString()), name, field);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(model), files.toList(), "no output file and no temporary file may remain");
        }
    }

    @Test
    void exportThenImportIsTheIdentityOnDyadicNetworks() throws IOException {
        for (String example : List.of("examples/xor.json", "examples/mlp-2-4-4-1.json")) {
            Network original = NetworkJson.read(Path.of(example));
            Path st = dir.resolve("model.safetensors");
            CliRun ex = CliRun.of("export", example, "-o", st.toString());
            if (ex.code() == ExitCode.BAD_INPUT) {
                assertTrue(ex.err().contains("--round"), ex::toString);  // not dyadic: refused, named
                continue;
            }
            assertEquals(ExitCode.OK, ex.code(), ex::toString);
            assertTrue(ex.out().contains("exact"), ex::toString);
            Path back = dir.resolve("back.json");
            CliRun im = CliRun.of("import", st.toString(), "-o", back.toString());
            assertEquals(ExitCode.OK, im.code(), im::toString);
            assertEquals(original, NetworkJson.read(back).withName(original.name()), example);
        }
    }

    @Test
    void exportRefusesInexactValuesUnlessRoundedAndThenReportsTheError() throws IOException {
        Path net = write("third.json", "{\"layers\": [1, 1], \"weights\": [[[\"1/3\"]]], \"biases\": [[\"1/2\"]]}"
                .getBytes(StandardCharsets.UTF_8));
        Path st = dir.resolve("third.safetensors");
        CliRun refused = CliRun.of("export", net.toString(), "-o", st.toString());
        assertBadInput(refused, "third.json", "weights[0][0][0]");
        assertTrue(refused.err().contains("--round"), refused::toString);
        assertFalse(Files.exists(st));
        CliRun rounded = CliRun.of("export", net.toString(), "-o", st.toString(), "--round");
        assertEquals(ExitCode.OK, rounded.code(), rounded::toString);
        assertEquals(1, rounded.err().lines().count(), rounded::toString);
        assertTrue(rounded.err().contains("rounded 1 of 2 parameters") && rounded.err().contains("weights[0][0][0]"),
                rounded::toString);
        Path back = dir.resolve("back.json");
        assertEquals(ExitCode.OK, CliRun.of("import", st.toString(), "-o", back.toString()).code());
        assertEquals(new org.apache.commons.math3.fraction.BigFraction(1.0 / 3), Layered.weights(NetworkJson.read(back))[0][0][0]);
    }

    @Test
    void exportRefusesDagsAndNeedsAnOutputFile() throws IOException {
        Path st = dir.resolve("dag.safetensors");
        assertBadInput(CliRun.of("export", "examples/skip-dag.json", "-o", st.toString()), "skip-dag.json", null);
        assertFalse(Files.exists(st));
        CliRun usage = CliRun.of("export", "examples/xor.json");
        assertEquals(ExitCode.BAD_INPUT, usage.code(), usage::toString);
        assertTrue(usage.err().contains("--out"), usage::toString);
    }

    /** The one-line contract of BadInputTest. */
    static void assertBadInput(CliRun r, String fileName, String field) {
        assertEquals(ExitCode.BAD_INPUT, r.code(), () -> "exit code 2 expected\n" + r);
        assertEquals("", r.out(), () -> "stdout must stay empty\n" + r);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "exactly one line on stderr expected\n" + r);
        String line = lines.get(0);
        assertTrue(line.contains(fileName), () -> "message must name the file " + fileName + "\n" + r);
        if (field != null) {
            assertTrue(line.contains(field), () -> "message must name " + field + "\n" + r);
        }
        assertTrue(line.matches(".*;\\s*\\S.*"), () -> "message must end with '; fix'\n" + r);
        String lower = (r.out() + r.err()).toLowerCase(Locale.ROOT);
        for (String internal : List.of("exception", "\tat ", "jackson", "java.", "`")) {
            assertFalse(lower.contains(internal), () -> "no internals ('" + internal + "')\n" + r);
        }
    }
}
