package org.flatcheck.io;

import static org.flatcheck.testing.TensorBytes.concat;
import static org.flatcheck.testing.TensorBytes.f32;
import static org.flatcheck.testing.TensorBytes.f64;
import static org.flatcheck.testing.TensorBytes.safetensors;
import static org.flatcheck.testing.TensorBytes.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.testing.TensorBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** safetensors files written by hand, one per dtype, read back to the exact rationals their bits encode. */
class SafeTensorsTest {
    @TempDir
    Path dir;

    private TensorFile read(byte[] bytes) throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, bytes);
        return TensorFile.read(f);
    }

    private static BigFraction pow2(int e) {
        return e >= 0 ? new BigFraction(BigInteger.ONE.shiftLeft(e)) : new BigFraction(BigInteger.ONE, BigInteger.ONE.shiftLeft(-e));
    }

    private static List<BigFraction> values(Tensor t) {
        return List.of(t.values());
    }

    @Test
    void float64TensorsAreExactIncludingSubnormals() throws IOException {
        TensorFile tf = read(safetensors("{'w': {'dtype': 'F64', 'shape': [3], 'data_offsets': [0, 24]}}",
                f64(0.1, -2.5, Double.MIN_VALUE)));
        Tensor w = tf.tensors().get(0);
        assertEquals(List.of(Q.of(3602879701896397L, 36028797018963968L), Q.of(-5, 2), pow2(-1074)), values(w));
        assertEquals("F64", w.dtype());
        assertEquals("safetensors", tf.format());
    }

    @Test
    void float32TensorsAreExactAndRowMajor() throws IOException {
        Tensor w = read(safetensors("{'0.weight': {'dtype': 'F32', 'shape': [2, 2], 'data_offsets': [0, 16]}}",
                f32(0.1f, 1f, -0.75f, Float.MIN_VALUE))).tensors().get(0);
        assertArrayEquals(new long[] {2, 2}, w.shape());
        assertEquals(List.of(Q.of(13421773, 134217728), Q.of(1), Q.of(-3, 4), pow2(-149)), values(w));
    }

    @Test
    void float16TensorsAreDecodedBitByBitIncludingASubnormal() throws IOException {
        Tensor w = read(safetensors("{'h': {'dtype': 'F16', 'shape': [4], 'data_offsets': [0, 8]}}",
                u16(0x0001, 0x83FF, 0x3555, 0x7BFF))).tensors().get(0);
        assertEquals(List.of(pow2(-24), Q.of(-1023).multiply(pow2(-24)), Q.of(1365, 4096), Q.of(65504)), values(w));
    }

    @Test
    void bfloat16TensorsAreDecodedBitByBit() throws IOException {
        Tensor w = read(safetensors("{'b': {'dtype': 'BF16', 'shape': [1, 3], 'data_offsets': [0, 6]}}",
                u16(0x4049, 0xBF80, 0x0001))).tensors().get(0);
        assertEquals(List.of(Q.of(201, 64), Q.of(-1), pow2(-133)), values(w));
    }

    @Test
    void integerAndBooleanTensorsAreReadToo() throws IOException {
        TensorFile tf = read(safetensors("{'n': {'dtype': 'I64', 'shape': [], 'data_offsets': [0, 8]},"
                + " 'u': {'dtype': 'U8', 'shape': [2], 'data_offsets': [8, 10]},"
                + " 'f': {'dtype': 'BOOL', 'shape': [1], 'data_offsets': [10, 11]}}",
                concat(TensorBytes.le(-7, 8), new byte[] {(byte) 200, 3, 1})));
        assertEquals(List.of(Q.of(-7)), values(tf.tensors().get(0)));
        assertEquals(List.of(Q.of(200), Q.of(3)), values(tf.tensors().get(1)));
        assertEquals(List.of(Q.of(1)), values(tf.tensors().get(2)));
    }

    @Test
    void metadataIsReadAndPaddingAndOrderDoNotMatter() throws IOException {
        TensorFile tf = read(safetensors("{'__metadata__': {'format': 'pt'}, 'b': {'dtype': 'F32', 'shape': [1],"
                + " 'data_offsets': [4, 8]}, 'a': {'dtype': 'F32', 'shape': [1], 'data_offsets': [0, 4]}}     ",
                f32(1f, 2f)));
        assertEquals(Map.of("format", "pt"), tf.metadata());
        assertEquals(List.of("b", "a"), tf.names());
        assertEquals(Q.of(2), tf.tensors().get(0).value(0));
        assertEquals(Q.of(1), tf.tensors().get(1).value(0));
    }

    @Test
    void skippedTensorsAreNotDecodedSoTheirDtypeAndValuesDoNotMatter() throws IOException {
        TensorFile tf = read(safetensors("{'w': {'dtype': 'F32', 'shape': [1], 'data_offsets': [0, 4]},"
                + " 'q': {'dtype': 'F8_E4M3', 'shape': [1], 'data_offsets': [4, 5]},"
                + " 'nan': {'dtype': 'F32', 'shape': [1], 'data_offsets': [5, 9]}}",
                concat(f32(1f), new byte[] {0x7f}, f32(Float.NaN))), Set.of("q", "nan")::contains);
        assertEquals(1, tf.tensors().size());
        assertEquals(List.of("q", "nan"), tf.skipped());
    }

    private TensorFile read(byte[] bytes, java.util.function.Predicate<String> skip) throws IOException {
        Path f = dir.resolve("m.safetensors");
        Files.write(f, bytes);
        return TensorFile.read(f, skip);
    }

    @Test
    void float64WriterRoundTripsExactly() throws IOException {
        Tensor w = Tensor.of("0.weight", "F64", new long[] {2, 3},
                new BigFraction[] {Q.of(1, 8), Q.of(-3), pow2(-1074), Q.of(0), Q.of(5, 1024), pow2(1000)});
        Tensor b = Tensor.of("0.bias", "F64", new long[] {2}, new BigFraction[] {Q.of(1, 2), Q.of(-1, 4)});
        Path f = dir.resolve("out.safetensors");
        SafeTensors.writeF64(f, List.of(w, b), Map.of("format", "pt"));
        byte[] bytes = Files.readAllBytes(f);
        long headerLength = java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "header padded so that the data starts at a multiple of 8");
        TensorFile back = TensorFile.read(f);
        assertEquals(List.of(w, b), back.tensors());
        assertEquals(Map.of("format", "pt"), back.metadata());
    }

    @Test
    void writerRefusesValuesThatAreNotFloat64s() {
        Tensor t = Tensor.of("x", "F64", new long[] {1}, new BigFraction[] {Q.of(1, 3)});
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.toBytesF64(List.of(t), Map.of()));
    }

    @Test
    void hugeClaimedShapesAreRefusedBeforeAnythingIsAllocated() throws IOException {
        InputError e = assertThrows(InputError.class, () -> read(safetensors(
                "{'w': {'dtype': 'F32', 'shape': [1000000, 1000000, 1000000], 'data_offsets': [0, 4]}}", f32(1f))));
        assertTrue(e.getMessage().contains("more than the whole data buffer"), e.getMessage());
        InputError overflow = assertThrows(InputError.class, () -> read(safetensors(
                "{'w': {'dtype': 'F64', 'shape': [4294967296, 4294967296], 'data_offsets': [0, 8]}}", f64(1))));
        assertTrue(overflow.getMessage().contains("overflows 64 bits"), overflow.getMessage());
    }
}
