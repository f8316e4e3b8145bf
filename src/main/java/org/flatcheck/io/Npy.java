package org.flatcheck.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * NumPy's {@code .npy} format (versions 1.0, 2.0, 3.0): the magic {@code \x93NUMPY}, a version, the
 * header length (2 bytes little-endian in version 1, 4 bytes in 2 and 3), a Python dict literal
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (4, 2), }}, then the raw elements. Reads
 * {@code f8 f4 f2} floats, integers and booleans in either byte order, exactly; Fortran-ordered arrays are
 * transposed into C order. An {@code .npz} file is a zip archive (stored or deflated) of {@code .npy}
 * entries; entry {@code NAME.npy} is the tensor {@code NAME}. Object arrays are refused: they would need
 * unpickling.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("([<>|=])([a-zA-Z])(\\d{1,4})");
    private static final String FIX = "save the array with numpy.save / numpy.savez";

    private Npy() {
    }

    /**
     * Reads a {@code .npy} or {@code .npz} file (recognised by its first bytes); see
     * {@link TensorFile#read(Path, Predicate)}, which also reads safetensors.
     */
    public static TensorFile read(Path file, Predicate<String> skip) {
        byte[] bytes = InputFiles.readInput(file);
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && (bytes[2] == 3 || bytes[2] == 5);
        if (!zip && (bytes.length < MAGIC.length || !startsWithMagic(bytes))) {
            throw new InputError(file, null, "is neither a .npy file (\\x93NUMPY) nor an .npz archive (PK)",
                    "save it with numpy.save or numpy.savez");
        }
        return zip ? readNpz(file, skip) : readNpy(file, bytes, skip);
    }

    /**
     * A single {@code .npy} array, as the tensor {@code weight}: one array can only be the (out, in) weight
     * of a one-layer network without bias.
     */
    static TensorFile readNpy(Path file, byte[] bytes, Predicate<String> skip) {
        String name = "weight";
        if (skip.test(name)) {
            return new TensorFile(file, "npy", List.of(), List.of(name), Map.of());
        }
        return new TensorFile(file, "npy", List.of(parse(file, null, name, bytes)), List.of(), Map.of());
    }

    /** The {@code .npy} entries of a zip archive. */
    static TensorFile readNpz(Path file, Predicate<String> skip) {
        List<Tensor> tensors = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        long budget = InputFiles.MAX_INPUT_BYTES;
        long values = 0;
        String entryName = null;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                entryName = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                String field = "entry \"" + entryName + "\"";
                if (!entryName.endsWith(".npy")) {
                    throw new InputError(file, field, "is not a .npy array",
                            "an .npz file (numpy.savez) holds only NAME.npy entries");
                }
                String name = entryName.substring(0, entryName.length() - 4);
                if (!seen.add(name)) {
                    throw new InputError(file, field, "appears twice in the archive", "re-save the arrays with numpy.savez");
                }
                if (skip.test(name)) {
                    skipped.add(name);
                    continue;
                }
                byte[] bytes = readCapped(zip.getInputStream(e), budget, file, field);
                budget -= bytes.length;
                Tensor t = parse(file, field, name, bytes);
                values += t.size();
                if (values > TensorFile.MAX_VALUES) {
                    throw new InputError(file, field, "brings the number of values to " + values + ", above the limit of "
                            + TensorFile.MAX_VALUES, "import a smaller model");
                }
                tensors.add(t);
            }
        } catch (ZipException | IllegalArgumentException | java.io.EOFException e) {
            throw new InputError(file, entryName == null ? null : "entry \"" + entryName + "\"",
                    "is not a readable zip archive (" + e.getMessage() + ")", "re-save it with numpy.savez");
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be read (" + e.getMessage() + ")", "check the file");
        }
        return new TensorFile(file, "npz", tensors, skipped, Map.of());
    }

    private static byte[] readCapped(InputStream in, long budget, Path file, String field) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        try (in) {
            for (int r; (r = in.read(buf)) != -1; ) {
                if (out.size() + (long) r > budget) {
                    throw new InputError(file, field, "decompresses to more than the " + InputFiles.MAX_INPUT_BYTES
                            + " bytes flatcheck reads from one file", "import a smaller model");
                }
                out.write(buf, 0, r);
            }
        }
        return out.toByteArray();
    }

    /**
     * Parses one {@code .npy} image; errors name {@code file} and {@code where} (an npz entry, or null for
     * a plain file).
     */
    static Tensor parse(Path file, String where, String name, byte[] bytes) {
        String at = where == null ? "" : where + " ";
        String truncated = "is truncated";
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new InputError(file, where, bytes.length < 10 ? truncated : "does not start with \\x93NUMPY", FIX);
        }
        int major = bytes[6] & 0xff;
        int minor = bytes[7] & 0xff;
        if (major < 1 || major > 3) {
            throw new InputError(file, where, "is .npy format version " + major + "." + minor
                    + "; flatcheck reads versions 1, 2 and 3", FIX);
        }
        int start = major == 1 ? 10 : 12;
        if (bytes.length < start) {
            throw new InputError(file, where, truncated, FIX);
        }
        long headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        if (major > 1) {
            headerLength |= (long) (bytes[10] & 0xff) << 16 | (long) (bytes[11] & 0xff) << 24;
        }
        if (headerLength > bytes.length - start) {
            throw new InputError(file, at + "header length", "is " + headerLength + " bytes, more than the "
                    + (bytes.length - start) + " bytes that follow", "the file is truncated; " + FIX);
        }
        String text = new String(bytes, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header;
        try {
            header = NpyHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InputError(file, at + "header", e.getMessage(), FIX);
        }
        ElementType type = elementType(file, at + "header.descr", header.descr());
        int dataStart = start + (int) headerLength;
        long available = bytes.length - (long) dataStart;
        long count = SafeTensors.count(file, at + "header.shape", header.shape(), type.bytes());
        long need = count * type.bytes();
        if (available != need) {
            throw new InputError(file, where, available < need
                    ? "is truncated: shape " + java.util.Arrays.toString(header.shape()) + " of " + type.label() + " needs "
                            + need + " bytes of data, the file has " + available
                    : "has " + (available - need) + " bytes after the array's data", FIX);
        }
        String field = where == null ? "array \"" + name + "\"" : where;
        long[] shape = header.shape();
        BigFraction[] values;
        if (header.fortranOrder()) {
            values = fortranToC(shape, type.decode(bytes, dataStart, (int) count,
                    k -> "element " + k + " in Fortran order (index " + fortranIndex(shape, k) + ")", file, field));
        } else {
            values = type.decode(bytes, dataStart, (int) count, shape, file, field);
        }
        return Tensor.wrap(name, type.label(), header.shape(), values);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ElementType elementType(Path file, String field, String descr) {
        Matcher m = DESCR.matcher(descr);
        String fix = "save the weights as float64, float32 or float16 (numpy's default byte order)";
        if (descr.equals("|O") || descr.equals("O")) {
            throw new InputError(file, field, "'|O' holds Python objects, which would need unpickling", fix);
        }
        if (!m.matches()) {
            throw new InputError(file, field, "'" + descr + "' is not a numeric dtype flatcheck reads", fix);
        }
        char order = m.group(1).charAt(0);
        char kind = m.group(2).charAt(0);
        int size = Integer.parseInt(m.group(3));
        boolean big = order == '>';
        if (order == '=' || order == '|' && size > 1) {
            throw new InputError(file, field, "'" + descr + "' leaves the byte order to the machine that wrote it",
                    "re-save it with numpy, which writes '<' or '>'");
        }
        if (kind == 'f' && (size == 2 || size == 4 || size == 8)) {
            return ElementType.floating(descr, size == 2 ? FloatFormat.F16 : size == 4 ? FloatFormat.F32 : FloatFormat.F64, big);
        }
        if ((kind == 'i' || kind == 'u') && (size == 1 || size == 2 || size == 4 || size == 8)) {
            return ElementType.integer(descr, size, kind == 'i', big);
        }
        if (kind == 'b' && size == 1) {
            return ElementType.bool(descr);
        }
        throw new InputError(file, field, "'" + descr + "' is not a dtype flatcheck reads", fix);
    }

    /** The multi-index of the k-th element stored with the first index varying fastest. */
    private static String fortranIndex(long[] shape, long k) {
        long[] idx = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            idx[d] = k % shape[d];
            k /= shape[d];
        }
        return java.util.Arrays.toString(idx);
    }

    /** Reorders values stored with the first index varying fastest into C order. */
    static BigFraction[] fortranToC(long[] shape, BigFraction[] fortran) {
        int rank = shape.length;
        long[] cStride = new long[rank];
        long s = 1;
        for (int k = rank - 1; k >= 0; k--) {
            cStride[k] = s;
            s *= shape[k];
        }
        BigFraction[] c = new BigFraction[fortran.length];
        long[] idx = new long[rank];
        long at = 0;
        for (BigFraction v : fortran) {
            c[(int) at] = v;
            for (int k = 0; k < rank; k++) {
                idx[k]++;
                at += cStride[k];
                if (idx[k] < shape[k]) {
                    break;
                }
                at -= idx[k] * cStride[k];
                idx[k] = 0;
            }
        }
        return c;
    }
}
