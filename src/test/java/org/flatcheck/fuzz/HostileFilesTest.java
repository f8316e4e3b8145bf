package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.flatcheck.testing.TensorBytes.f32;
import static org.flatcheck.testing.TensorBytes.f64;
import static org.flatcheck.testing.TensorBytes.npy;
import static org.flatcheck.testing.TensorBytes.safetensors;
import static org.flatcheck.testing.TensorBytes.safetensorsClaiming;
import static org.flatcheck.testing.TensorBytes.zip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Named hostile files (malformed, truncated, cyclic, mis-sized, non-rational, enormous numbers, deep
 * nesting, wrong encodings, directories): each exits 2 with one line naming the file, within the
 * contract's allocation bound ({@link Cli#MAX_ALLOCATED_BYTES}). Also
 * every seed truncated at every cut (small seeds) or at 200 evenly spaced cuts, under the CLI contract.
 * Cases marked "regression" were found by the fuzz properties and failed before their fix.
 */
class HostileFilesTest {
    @TempDir
    Path dir;

    private static final String DAG_HEAD = "{\"inputs\": [\"x\"], \"hidden\": [\"a\", \"b\"], \"outputs\": [\"y\"], \"edges\": [";

    private static String edge(String from, String to) {
        return "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"w\": \"1\"}";
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A certificate with the first number of its first {@code "exponents"} matrix replaced by {@code value}. */
    private static byte[] exponent(String certificate, String value) {
        String s = new String(Files0.read("certificates/" + certificate + ".json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"exponents\"\\s*:\\s*\\[\\s*\\[\\s*(-?\\d+)").matcher(s);
        assertTrue(m.find(), "the seed certificate has exponents");
        return utf8(s.substring(0, m.start(1)) + value + s.substring(m.end(1)));
    }

    /**
     * A certificate whose first quantity on dataset "F0" reads another dataset, of a different dimension
     * (found by Jazzer: the verifier indexed the inputs of the wrong dataset).
     */
    private static byte[] otherDataset(String certificate) {
        String s = new String(Files0.read("certificates/" + certificate + ".json"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\"data\"\\s*:\\s*\"F0\"").matcher(s);
        assertTrue(m.find(), "the seed certificate has a quantity on F0");
        return utf8(s.substring(0, m.start()) + "\"data\": \"F3\"" + s.substring(m.end()));
    }

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        Target net = Target.NETWORK_LAYERED;
        c.add(Arguments.of("malformed", net, utf8("{\"layers\": [1, 1], \"weights\": [[[\"1\"]]"), null));
        c.add(Arguments.of("truncated", net, Arrays.copyOf(Files0.read("examples/xor.json"), 100), "ends too early"));
        c.add(Arguments.of("empty", net, new byte[0], "is empty"));
        c.add(Arguments.of("whitespace only", net, utf8(" \n\t "), "is empty"));
        c.add(Arguments.of("top-level array", net, utf8("[1, 2]"), "not an object"));
        c.add(Arguments.of("cyclic DAG", Target.NETWORK_DAG,
                utf8(DAG_HEAD + edge("x", "a") + ", " + edge("a", "b") + ", " + edge("b", "a") + ", " + edge("b", "y") + "]}"),
                "edges"));
        c.add(Arguments.of("self-loop DAG", Target.NETWORK_DAG,
                utf8(DAG_HEAD + edge("x", "a") + ", " + edge("a", "a") + ", " + edge("a", "b") + ", " + edge("b", "y") + "]}"),
                "edges"));
        c.add(Arguments.of("mis-sized matrix", net, utf8("{\"layers\": [2, 1], \"weights\": [[[\"1\"]]]}"), "has length 1, expected 2"));
        c.add(Arguments.of("non-rational", net, utf8("{\"layers\": [1, 1], \"weights\": [[[\"pi\"]]]}"), "not a rational number"));
        c.add(Arguments.of("NaN token", net, utf8("{\"layers\": [1, 1], \"weights\": [[[NaN]]]}"), "NaN"));
        c.add(Arguments.of("NaN string", net, utf8("{\"layers\": [1, 1], \"weights\": [[[\"NaN\"]]]}"), "not a rational number"));
        c.add(Arguments.of("huge exponent", net, utf8("{\"layers\": [1, 1], \"weights\": [[[\"1e999999999\"]]]}"), "exponent"));
        c.add(Arguments.of("huge JSON number exponent", net, utf8("{\"layers\": [1, 1], \"weights\": [[[1e999999999]]]}"), null));
        c.add(Arguments.of("10^6-digit string", net, utf8("{\"layers\": [1, 1], \"weights\": [[[\"" + "7".repeat(1_000_000) + "\"]]]}"),
                "--max-bits"));
        c.add(Arguments.of("10^6-digit JSON number (regression: message)", net,
                utf8("{\"layers\": [1, 1], \"weights\": [[[" + "7".repeat(1_000_000) + "]]]}"), "digits"));
        c.add(Arguments.of("100 000 nested arrays (regression: message)", net,
                utf8("{\"layers\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"), "nested"));
        c.add(Arguments.of("100 000 nested objects (regression: message)", net,
                utf8("{\"a\": ".repeat(100_000) + "1" + "}".repeat(100_000)), "nested"));
        c.add(Arguments.of("huge layer size", net, utf8("{\"layers\": [2147483647, 2147483647], \"weights\": []}"), "has length 0"));
        c.add(Arguments.of("duplicate key", net, utf8("{\"layers\": [1, 1], \"layers\": [1, 1], \"weights\": [[[\"1\"]]]}"),
                "repeats the field"));
        c.add(Arguments.of("Latin-1 in a string", net, utf8("{\"name\": \"\u00e9\", \"layers\": [1, 1], \"weights\": [[[\"x\u00e9\"]]]}"),
                "not a rational number"));
        c.add(Arguments.of("non-UTF-8 CSV", Target.DATASET_CSV, new byte[] {'x', '1', ',', 'y', '1', '\n', (byte) 0xC3, 0x28, ',', '1'},
                "UTF-8"));
        c.add(Arguments.of("CSV ragged", Target.DATASET_CSV, utf8("x1,x2,y1\n1,2\n"), "cells"));
        c.add(Arguments.of("CSV huge number", Target.DATASET_CSV, utf8("x1,x2,y1\n1,2,1e999999999\n"), "exponent"));
        c.add(Arguments.of("dataset rows mis-sized", Target.DATASET_JSON,
                utf8("{\"inputs\": [[\"1\", \"2\"], [\"1\"]], \"targets\": [[\"1\"], [\"2\"]]}"), "has length 1"));
        c.add(Arguments.of("certificate exponent 10^6 (regression: hang)", Target.CERTIFICATE,
                exponent("meng-basis-paths", "1000000"), "--max-bits"));
        c.add(Arguments.of("certificate exponent 2^31-1 (regression: exit 70)", Target.CERTIFICATE,
                exponent("meng-basis-paths", "2147483647"), "--max-bits"));
        c.add(Arguments.of("certificate exponent -2^31 (regression: exit 70)", Target.CERTIFICATE,
                exponent("meng-basis-paths", "-2147483648"), "--max-bits"));
        c.add(Arguments.of("certificate exponent 1e9 (regression: hang)", Target.CERTIFICATE,
                exponent("meng-basis-paths", "1e9"), "not an integer"));
        c.add(Arguments.of("certificate exponent 2.5 (regression: read as 2)", Target.CERTIFICATE,
                exponent("meng-basis-paths", "2.5"), "not an integer"));
        c.add(Arguments.of("psi certificate exponent 2.5 (regression: read as 2)", Target.CERTIFICATE,
                exponent("yi-psi-skeleton-independence", "2.5"), "not an integer"));
        c.add(Arguments.of("bare JSON number with a 13-digit exponent (regression: exit 70)", Target.NETWORK_DAG,
                utf8("333e3333333333332"), "exponent"));
        c.add(Arguments.of("JSON number with a 27-digit exponent in a weight (regression: exit 70)", net,
                utf8("{\"layers\": [1, 1], \"weights\": [[[-8e888888888888888888888888888]]]}"), "exponent"));
        c.add(Arguments.of("certificate quantity on a dataset of the wrong dimension (regression: exit 70)", Target.CERTIFICATE,
                otherDataset("yi-psi-skeleton-independence"), "dimension"));
        Target st = Target.SAFETENSORS;
        String w = "'0.weight': {'dtype': 'F32', 'shape': [1, 2], 'data_offsets': [0, 8]}";
        c.add(Arguments.of("safetensors header longer than the file", st,
                safetensorsClaiming(1L << 40, "{" + w + "}", f32(1f, 2f)), "more than the"));
        c.add(Arguments.of("a network JSON given to import", st, Files0.read("examples/xor.json"), "flatcheck network"));
        c.add(Arguments.of("a text file given to import", st, utf8("0.weight,1.5\n"), "text"));
        c.add(Arguments.of("safetensors header length 2^64-1", st, safetensorsClaiming(-1L, "{" + w + "}", f32(1f, 2f)), "more than the"));
        c.add(Arguments.of("safetensors overlapping offsets", st, safetensors("{" + w
                + ", '0.bias': {'dtype': 'F32', 'shape': [1], 'data_offsets': [4, 8]}}", f32(1f, 2f)), "overlap"));
        c.add(Arguments.of("safetensors offsets past the data", st,
                safetensors("{'0.weight': {'dtype': 'F32', 'shape': [1, 2], 'data_offsets': [0, 8]}}", f32(1f)), "beyond the data buffer"));
        c.add(Arguments.of("safetensors absurd shape", st, safetensors(
                "{'0.weight': {'dtype': 'F32', 'shape': [4611686018427387904, 4611686018427387904], 'data_offsets': [0, 8]}}",
                f32(1f, 2f)), "beyond any file's size"));
        c.add(Arguments.of("safetensors negative shape", st, safetensors(
                "{'0.weight': {'dtype': 'F32', 'shape': [-1, -2], 'data_offsets': [0, 8]}}", f32(1f, 2f)), "non-negative"));
        c.add(Arguments.of("safetensors NaN weight", st, safetensors("{" + w + "}", f32(1f, Float.NaN)), "NaN"));
        c.add(Arguments.of("safetensors infinite weight", st, safetensors("{" + w + "}", f32(Float.NEGATIVE_INFINITY, 1f)),
                "Inf"));
        c.add(Arguments.of("safetensors unknown dtype", st, safetensors(
                "{'0.weight': {'dtype': 'F8_E4M3', 'shape': [1, 2], 'data_offsets': [0, 2]}}", new byte[2]), "F8_E4M3"));
        c.add(Arguments.of("safetensors header not JSON", st, safetensors("{'0.weight': ", new byte[0]), "not valid JSON"));
        c.add(Arguments.of("npy without its signature", Target.NPY, utf8("NUMPY not really"), "NUMPY"));
        c.add(Arguments.of("npy shorter than its shape", Target.NPY, npy(1, "<f8", false, "(2, 2)", f64(1, 2)), "truncated"));
        c.add(Arguments.of("npy absurd shape", Target.NPY, npy(1, "<f8", false, "(99999999999, 99999999999)", f64(1)),
                "overflows"));
        c.add(Arguments.of("npy object array (pickle)", Target.NPY, npy(1, "|O", false, "(1,)", new byte[8]), "unpickling"));
        c.add(Arguments.of("npy dtype with a 30-digit item size (regression: exit 70)", Target.NPY,
                npy(1, "<f" + "9".repeat(30), false, "(1,)", new byte[8]), "not a numeric dtype"));
        c.add(Arguments.of("npz that is not a zip", Target.NPZ, utf8("PK\u0003\u0004 and then nothing of a zip"), "zip"));
        c.add(Arguments.of("npz entry that is not an array", Target.NPZ,
                zip(Map.of("0.weight.npy", utf8("pickle!")), false), "0.weight"));
        c.add(Arguments.of("npz zip bomb (a 1 GiB entry of zeros, 1 MiB compressed)", Target.NPZ, ZIP_BOMB.get(), "decompresses to more than"));
        return c.stream();
    }

    /** A deflated entry that expands to 1 GiB: its header is a valid .npy header, the rest zeros. */
    private static final java.util.function.Supplier<byte[]> ZIP_BOMB = () -> {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            z.setLevel(9);
            z.putNextEntry(new java.util.zip.ZipEntry("0.weight.npy"));
            z.write(npy(1, "<f8", false, "(16384, 8192)", new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    };

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void hostileFilesExitTwoWithOneLine(String name, Target target, byte[] bytes, String says) {
        Cli.Run r = Cli.check(target, bytes);
        assertEquals(2, r.code(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r::toString);
        assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("input" + target.suffix), r::toString);
        assertTrue(lines.get(0).length() < 500, r::toString);
        if (says != null) {
            assertTrue(lines.get(0).contains(says), () -> "the message should say \"" + says + "\"\n" + r);
        }
    }

    @Test
    void aDirectoryInsteadOfAFileIsBadInput() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("net.json"));
        for (Target t : Target.values()) {
            Cli.Run r = Cli.run(t.cli.apply(sub));
            Cli.assertContract(r, t.checks, dir, List.of("net.json"));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().contains("is a directory"), r::toString);
        }
    }

    @Test
    void aMissingFileIsBadInput() {
        for (Target t : Target.values()) {
            Cli.Run r = Cli.run(t.cli.apply(dir.resolve("absent" + t.suffix)));
            Cli.assertContract(r, t.checks, dir, List.of());
            assertEquals(2, r.code(), r::toString);
        }
    }

    @Test
    void byteOrderMarksAndUtf16AreAcceptedOrRefusedCleanly() {
        for (Seed s : Seed.all()) {
            byte[] b = new byte[s.bytes().length + 3];
            b[0] = (byte) 0xEF;
            b[1] = (byte) 0xBB;
            b[2] = (byte) 0xBF;
            System.arraycopy(s.bytes(), 0, b, 3, s.bytes().length);
            Cli.Run r = Cli.check(s.target(), b);
            assertFalse(r.code() == 1, r::toString);
            byte[] utf16 = new String(s.bytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
            Cli.Run r16 = Cli.check(s.target(), utf16);
            assertFalse(r16.code() == 1, r16::toString);
        }
    }

    /** Every seed cut at every byte (at 50 evenly spaced cuts if it is over 350 bytes; the properties try others). */
    @Test
    void everyTruncationKeepsTheContract() {
        for (Seed s : Seed.all()) {
            int n = s.bytes().length;
            int step = n <= 350 ? 1 : n / 50;
            for (int cut = 0; cut < n; cut += step) {
                Cli.Run r = Cli.check(s.target(), Arrays.copyOf(s.bytes(), cut));
                int at = cut;
                assertTrue(r.code() != 1 || s.target().checks, () -> s + " cut at " + at + "\n" + r);
            }
        }
    }
}
