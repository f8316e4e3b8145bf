package org.flatcheck.io;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.function.LongFunction;
import org.flatcheck.exact.Q;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * One stored element type of a tensor file (safetensors {@code F32}, NumPy {@code >f8}, …) and its exact
 * decoding: floats bit by bit ({@link FloatFormat}), integers and booleans as integers. Immutable.
 */
final class ElementType {
    private final String label;
    private final int bytes;
    private final FloatFormat floatFormat;
    private final boolean signed;
    private final boolean bool;
    private final boolean bigEndian;

    private ElementType(String label, int bytes, FloatFormat floatFormat, boolean signed, boolean bool,
            boolean bigEndian) {
        this.label = label;
        this.bytes = bytes;
        this.floatFormat = floatFormat;
        this.signed = signed;
        this.bool = bool;
        this.bigEndian = bigEndian;
    }

    static ElementType floating(String label, FloatFormat format, boolean bigEndian) {
        return new ElementType(label, format.bytes(), format, true, false, bigEndian);
    }

    static ElementType integer(String label, int bytes, boolean signed, boolean bigEndian) {
        return new ElementType(label, bytes, null, signed, false, bigEndian);
    }

    static ElementType bool(String label) {
        return new ElementType(label, 1, null, false, true, false);
    }

    String label() {
        return label;
    }

    int bytes() {
        return bytes;
    }

    /**
     * Decodes {@code count} elements starting at byte {@code offset} (the caller has checked that they lie
     * inside {@code data}) of a C-ordered tensor of this shape.
     *
     * @throws InputError naming {@code file}, {@code field} and the element's index for NaN, ±Inf or a
     *     boolean byte other than 0 or 1
     */
    BigFraction[] decode(byte[] data, int offset, int count, long[] shape, Path file, String field) {
        return decode(data, offset, count, k -> "element " + k + " (index " + Tensor.index(shape, k) + ")", file, field);
    }

    /** {@link #decode} with {@code element} naming the k-th stored element in messages. */
    BigFraction[] decode(byte[] data, int offset, int count, LongFunction<String> element, Path file, String field) {
        BigFraction[] out = new BigFraction[count];
        for (int k = 0; k < count; k++) {
            long raw = word(data, offset + k * bytes);
            if (floatFormat != null) {
                if (!floatFormat.isFinite(raw)) {
                    throw new InputError(file, field, element.apply(k) + " is "
                            + floatFormat.nonFiniteName(raw), "flatcheck needs finite weights; replace it or retrain");
                }
                out[k] = floatFormat.exact(raw);
            } else if (bool && raw > 1) {
                throw new InputError(file, field, element.apply(k) + " is byte " + raw + ", not a boolean 0 or 1", "fix the file");
            } else {
                out[k] = Q.of(integer(raw));
            }
        }
        return out;
    }

    private BigInteger integer(long raw) {
        int bits = 8 * bytes;
        if (signed && bits < 64) {
            raw = raw << (64 - bits) >> (64 - bits);
        }
        if (!signed && raw < 0) {
            return BigInteger.valueOf(raw & Long.MAX_VALUE).setBit(63);
        }
        return BigInteger.valueOf(raw);
    }

    private long word(byte[] data, int at) {
        long w = 0;
        for (int i = 0; i < bytes; i++) {
            int b = data[at + (bigEndian ? i : bytes - 1 - i)] & 0xff;
            w = (w << 8) | b;
        }
        return w;
    }
}
