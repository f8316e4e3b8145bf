package org.flatcheck.io;

import static org.flatcheck.testing.TensorBytes.be;
import static org.flatcheck.testing.TensorBytes.concat;
import static org.flatcheck.testing.TensorBytes.f32;
import static org.flatcheck.testing.TensorBytes.f64;
import static org.flatcheck.testing.TensorBytes.npy;
import static org.flatcheck.testing.TensorBytes.u16;
import static org.flatcheck.testing.TensorBytes.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code .npy} images of every header version and byte order, Fortran order, {@code .npz} archives stored
 * and deflated — built byte by byte here, plus files written by numpy itself
 * ({@code src/test/resources/io/numpy/make_fixtures.py}).
 */
class NpyTest {
    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static List<BigFraction> values(Tensor t) {
        return List.of(t.values());
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {1, 2, 3})
    void everyHeaderVersionReadsTheSameValues(int major) throws IOException {
        Tensor t = TensorFile.read(write("w.npy", npy(major, "<f8", false, "(2, 2)", f64(0.5, -1, 0.1, 3))))
                .tensors().get(0);
        assertEquals("weight", t.name());
        assertArrayEquals(new long[] {2, 2}, t.shape());
        assertEquals(List.of(Q.of(1, 2), Q.of(-1), Q.of(3602879701896397L, 36028797018963968L), Q.of(3)), values(t));
    }

    @Test
    void littleAndBigEndianFloatsOfEveryWidthAreExact() throws IOException {
        assertEquals(List.of(Q.of(13421773, 134217728)),
                values(TensorFile.read(write("a.npy", npy(1, "<f4", false, "(1,)", f32(0.1f)))).tensors().get(0)));
        assertEquals(List.of(Q.of(13421773, 134217728)), values(TensorFile.read(write("b.npy",
                npy(1, ">f4", false, "(1,)", be(Float.floatToRawIntBits(0.1f), 4)))).tensors().get(0)));
        BigFraction subnormal = new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(24));
        assertEquals(List.of(subnormal, Q.of(-2)),
                values(TensorFile.read(write("c.npy", npy(1, "<f2", false, "(2,)", u16(0x0001, 0xC000)))).tensors().get(0)));
        assertEquals(List.of(subnormal, Q.of(-2)), values(TensorFile.read(write("d.npy",
                npy(1, ">f2", false, "(2,)", concat(be(0x0001, 2), be(0xC000, 2))))).tensors().get(0)));
        assertEquals(List.of(Q.of(-5, 2)), values(TensorFile.read(write("e.npy",
                npy(1, ">f8", false, "(1,)", be(Double.doubleToRawLongBits(-2.5), 8)))).tensors().get(0)));
    }

    @Test
    void fortranOrderIsTransposedIntoCOrder() throws IOException {
        // The (2, 3) array [[1, 2, 3], [4, 5, 6]] stored column by column: 1 4 2 5 3 6.
        Tensor t = TensorFile.read(write("f.npy", npy(1, "<f8", true, "(2, 3)", f64(1, 4, 2, 5, 3, 6)))).tensors().get(0);
        assertEquals(List.of(Q.of(1), Q.of(2), Q.of(3), Q.of(4), Q.of(5), Q.of(6)), values(t));
        // A (2, 3, 2) array: element (i, j, k) is 100i + 10j + k, stored with i fastest.
        List<Double> fortran = new ArrayList<>();
        List<BigFraction> c = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    fortran.add(100.0 * i + 10 * j + k);
                }
            }
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    c.add(Q.of(100L * i + 10 * j + k));
                }
            }
        }
        Tensor t3 = TensorFile.read(write("g.npy", npy(2, "<f8", true, "(2, 3, 2)",
                f64(fortran.stream().mapToDouble(Double::doubleValue).toArray())))).tensors().get(0);
        assertEquals(c, values(t3));
    }

    @Test
    void scalarsAndEmptyArraysAndIntegersAreRead() throws IOException {
        Tensor scalar = TensorFile.read(write("s.npy", npy(1, "<i8", false, "()", concat(
                org.flatcheck.testing.TensorBytes.le(-3, 8))))).tensors().get(0);
        assertEquals(List.of(Q.of(-3)), values(scalar));
        assertEquals(0, scalar.rank());
        Tensor empty = TensorFile.read(write("e.npy", npy(1, "<f4", false, "(0, 5)", new byte[0]))).tensors().get(0);
        assertEquals(0, empty.size());
        Tensor bytes = TensorFile.read(write("u.npy", npy(1, "|u1", false, "(2,)", new byte[] {(byte) 255, 0}))).tensors().get(0);
        assertEquals(List.of(Q.of(255), Q.of(0)), values(bytes));
    }

    @ParameterizedTest(name = "deflated {0}")
    @ValueSource(booleans = {false, true})
    void npzEntriesAreTensorsNamedAfterTheirEntries(boolean deflate) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("0.weight.npy", npy(1, "<f4", false, "(1, 2)", f32(0.5f, -0.25f)));
        entries.put("0.bias.npy", npy(1, "<f4", false, "(1,)", f32(2f)));
        entries.put("running_mean.npy", npy(1, "<f4", false, "(1,)", f32(Float.NaN)));
        TensorFile tf = TensorFile.read(write("m.npz", zip(entries, deflate)), Set.of("running_mean")::contains);
        assertEquals("npz", tf.format());
        assertEquals(List.of("0.weight", "0.bias", "running_mean"), tf.names());
        assertEquals(List.of(Q.of(1, 2), Q.of(-1, 4)), values(tf.tensors().get(0)));
        assertEquals(List.of("running_mean"), tf.skipped());
    }

    @Test
    void npyReadAcceptsOnlyNumpyFiles() throws IOException {
        assertEquals("npz", Npy.read(fixture("state.npz"), n -> false).format());
        assertEquals("npy", Npy.read(fixture("fortran-be.npy"), n -> false).format());
        Path st = write("m.safetensors", org.flatcheck.testing.TensorBytes.safetensors("{}", new byte[0]));
        InputError e = org.junit.jupiter.api.Assertions.assertThrows(InputError.class, () -> Npy.read(st, n -> false));
        assertTrue(e.getMessage().contains("neither a .npy file"), e.getMessage());
    }

    private static Path fixture(String name) {
        try {
            return Path.of(NpyTest.class.getResource("/io/numpy/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files that numpy wrote (savez, savez_compressed, save of a big-endian Fortran array) read exactly. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"state.npz", "state-compressed.npz", "fortran-be.npy"})
    void filesWrittenByNumpyReadExactly(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(fixture("expected.json").toFile());
        TensorFile tf = TensorFile.read(fixture(name));
        assertTrue(tf.tensors().size() >= 1);
        for (Tensor t : tf.tensors()) {
            JsonNode e = expected.get(t.name());
            List<BigFraction> want = new ArrayList<>();
            e.get("values").forEach(v -> want.add(Q.parse(v.textValue())));
            long[] shape = new long[e.get("shape").size()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = e.get("shape").get(k).longValue();
            }
            assertArrayEquals(shape, t.shape(), t.name());
            assertEquals(want, values(t), t.name());
        }
    }
}
