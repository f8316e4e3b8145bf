package org.flatcheck.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Model files written byte by byte in tests, independently of flatcheck's readers and writers: safetensors
 * (length, header text, data), {@code .npy} images of every version and {@code .npz} archives.
 */
public final class TensorBytes {
    private TensorBytes() {
    }

    /** A safetensors file: the header's byte length (little-endian u64), the header text, the data. */
    public static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        return concat(le(h.length, 8), h, data);
    }

    /** A safetensors file whose first 8 bytes claim {@code claimedLength} whatever follows. */
    public static byte[] safetensorsClaiming(long claimedLength, String header, byte[] data) {
        return concat(le(claimedLength, 8), header.replace('\'', '"').getBytes(StandardCharsets.UTF_8), data);
    }

    /** {@code value} as {@code bytes} little-endian bytes. */
    public static byte[] le(long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** {@code value} as {@code bytes} big-endian bytes. */
    public static byte[] be(long value, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[bytes - 1 - i] = (byte) (value >>> (8 * i));
        }
        return b;
    }

    /** Little-endian float32s. */
    public static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Little-endian float64s. */
    public static byte[] f64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** Little-endian 16-bit words (F16 or BF16 bit patterns). */
    public static byte[] u16(int... words) {
        ByteBuffer b = ByteBuffer.allocate(2 * words.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            b.putShort((short) w);
        }
        return b.array();
    }

    /**
     * A {@code .npy} image: magic, version {@code major}.0, header length (2 bytes for version 1, else 4),
     * the header dict padded with spaces and a newline so that the data starts at a multiple of 64 (as
     * numpy does), then {@code data}.
     */
    public static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape
                + ", }";
        return npyWithHeader(major, dict, data);
    }

    /** A {@code .npy} image with a literal header dict. */
    public static byte[] npyWithHeader(int major, String dict, byte[] data) {
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0};
        return concat(magic, le(h.length, major == 1 ? 2 : 4), h, data);
    }

    /** A zip archive of the given entries, stored ({@code deflate} false) or deflated. */
    public static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The arrays one after another. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
