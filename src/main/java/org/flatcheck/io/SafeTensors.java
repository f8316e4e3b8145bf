package org.flatcheck.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * The safetensors format (huggingface/safetensors): 8 bytes holding the header length N as a
 * little-endian unsigned integer, N bytes of UTF-8 JSON
 * {@code {"__metadata__": {k: v}, name: {"dtype", "shape", "data_offsets": [begin, end]}, …}} (possibly
 * padded with spaces), then the data buffer; each tensor occupies bytes {@code [begin, end)} of the
 * buffer, little-endian, C order. Reading decodes F64, F32, F16, BF16 (and the integer types and BOOL)
 * exactly and checks every size against the file before allocating; writing produces F64 tensors.
 */
public final class SafeTensors {
    private static final Set<String> ENTRY_KEYS = Set.of("dtype", "shape", "data_offsets");
    private static final String METADATA = "__metadata__";
    private static final String FORMAT_FIX = "the file is truncated or not a safetensors file";
    private static final Map<String, ElementType> READABLE = Map.ofEntries(
            Map.entry("F64", ElementType.floating("F64", FloatFormat.F64, false)),
            Map.entry("F32", ElementType.floating("F32", FloatFormat.F32, false)),
            Map.entry("F16", ElementType.floating("F16", FloatFormat.F16, false)),
            Map.entry("BF16", ElementType.floating("BF16", FloatFormat.BF16, false)),
            Map.entry("I64", ElementType.integer("I64", 8, true, false)),
            Map.entry("I32", ElementType.integer("I32", 4, true, false)),
            Map.entry("I16", ElementType.integer("I16", 2, true, false)),
            Map.entry("I8", ElementType.integer("I8", 1, true, false)),
            Map.entry("U64", ElementType.integer("U64", 8, false, false)),
            Map.entry("U32", ElementType.integer("U32", 4, false, false)),
            Map.entry("U16", ElementType.integer("U16", 2, false, false)),
            Map.entry("U8", ElementType.integer("U8", 1, false, false)),
            Map.entry("BOOL", ElementType.bool("BOOL")));
    /** Types the format defines that flatcheck does not decode (byte sizes, to check offsets anyway). */
    private static final Map<String, Integer> UNREADABLE =
            Map.of("F8_E4M3", 1, "F8_E5M2", 1, "F8_E8M0", 1, "C64", 8);

    private SafeTensors() {
    }

    /** One header entry, validated against the buffer. */
    private record Entry(String name, String dtype, long[] shape, long count, long begin, long end) {
        Entry {
            shape = shape.clone();
        }

        /** The dimensions (a copy). */
        @Override
        public long[] shape() {
            return shape.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && name.equals(e.name) && dtype.equals(e.dtype) && java.util.Arrays.equals(shape, e.shape)
                    && count == e.count && begin == e.begin && end == e.end;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(name, dtype, java.util.Arrays.hashCode(shape), count, begin, end);
        }

    }

    /** Reads a safetensors file; see {@link TensorFile#read(Path, Predicate)}. */
    public static TensorFile read(Path file, Predicate<String> skip) {
        return read(file, InputFiles.readInput(file), skip);
    }

    static TensorFile read(Path file, byte[] bytes, Predicate<String> skip) {
        if (bytes.length < 8) {
            throw new InputError(file, null, "is " + bytes.length
                    + " bytes long, too short for the 8-byte header length of a safetensors file", FORMAT_FIX);
        }
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        long rest = bytes.length - 8L;
        if ((n < 0 || n > rest) && looksLikeText(bytes)) {
            boolean json = firstNonBlank(bytes) == '{' || firstNonBlank(bytes) == '[';
            throw new InputError(file, null, json ? "is JSON text (a flatcheck network or dataset?), not a model file"
                    : "is text, not a model file", "import reads PyTorch weights (safetensors, .npy, .npz); "
                    + (json ? "a flatcheck network is used as it is, e.g. --net FILE" : "save the model with safetensors or numpy"));
        }
        if (n < 0 || n > rest) {
            throw new InputError(file, "header length", "is " + Long.toUnsignedString(n)
                    + " bytes (the first 8 bytes), more than the " + rest + " bytes that follow", FORMAT_FIX);
        }
        int headerLength = (int) n;
        if (headerLength == 0 || bytes[8] != '{') {
            throw new InputError(file, "header", headerLength == 0 ? "is empty (header length 0)"
                    : "does not start with '{' (a safetensors header is a JSON object)", FORMAT_FIX);
        }
        JsonNode header = parseHeader(file, bytes, headerLength);
        int dataStart = 8 + headerLength;
        long bufferLength = bytes.length - (long) dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().equals(METADATA)) {
                readMetadata(file, f.getValue(), metadata);
            } else {
                entries.add(entry(file, f.getKey(), f.getValue(), bufferLength));
            }
        }
        checkOverlaps(file, entries);
        long total = 0;
        List<Tensor> tensors = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Entry e : entries) {
            if (skip.test(e.name())) {
                skipped.add(e.name());
                continue;
            }
            total += e.count();
            if (total > TensorFile.MAX_VALUES) {
                throw new InputError(file, tensorField(e.name()), "brings the number of values to " + total
                        + ", above the limit of " + TensorFile.MAX_VALUES, "import a smaller model");
            }
            ElementType type = READABLE.get(e.dtype());
            if (type == null) {
                throw new InputError(file, tensorField(e.name()), "has dtype " + e.dtype() + ", which flatcheck does not"
                        + " decode", "convert the model to float32 or float64 (model.float()), or --ignore it");
            }
            BigFraction[] values = type.decode(bytes, (int) (dataStart + e.begin()), (int) e.count(), e.shape(), file,
                    tensorField(e.name()));
            tensors.add(Tensor.wrap(e.name(), e.dtype(), e.shape(), values));
        }
        return new TensorFile(file, "safetensors", tensors, skipped, metadata);
    }

    /** Whether the first 8 bytes (a safetensors file's binary header length) are printable ASCII or whitespace. */
    private static boolean looksLikeText(byte[] bytes) {
        for (int i = 0; i < 8; i++) {
            int b = bytes[i] & 0xFF;
            if (b != '\n' && b != '\r' && b != '\t' && (b < 0x20 || b > 0x7E)) {
                return false;
            }
        }
        return true;
    }

    private static int firstNonBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b;
            }
        }
        return -1;
    }

    static String tensorField(String name) {
        return "tensor \"" + name + "\"";
    }

    private static JsonNode parseHeader(Path file, byte[] bytes, int headerLength) {
        JsonNode header;
        try {
            header = JsonInput.mapper().readTree(bytes, 8, headerLength);
        } catch (JsonProcessingException e) {
            throw new InputError(file, "header", "is not valid JSON: " + JsonInput.describeSyntaxError(e.getOriginalMessage()),
                    "the header length or the header is corrupt; re-save the model");
        } catch (NumberFormatException e) {
            throw new InputError(file, "header", "is not valid JSON: " + JsonInput.HUGE_EXPONENT,
                    "the header length or the header is corrupt; re-save the model");
        } catch (IOException e) {
            throw new InputError(file, "header", "cannot be read (" + e.getMessage() + ")", FORMAT_FIX);
        }
        if (header == null || !header.isObject()) {
            throw new InputError(file, "header", "is not a JSON object", FORMAT_FIX);
        }
        return header;
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        String fix = "__metadata__ must map strings to strings";
        if (!node.isObject()) {
            throw new InputError(file, METADATA, "is a JSON " + JsonInput.kind(node) + ", not an object", fix);
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> m = it.next();
            if (!m.getValue().isTextual()) {
                throw new InputError(file, METADATA + "." + m.getKey(), "is a JSON " + JsonInput.kind(m.getValue())
                        + ", not a string", fix);
            }
            metadata.put(m.getKey(), m.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long bufferLength) {
        String field = tensorField(name);
        String fix = "a header entry is {\"dtype\": \"F32\", \"shape\": [out, in], \"data_offsets\": [begin, end]}";
        if (!node.isObject()) {
            throw new InputError(file, field, "is a JSON " + JsonInput.kind(node) + ", not an object", fix);
        }
        node.fieldNames().forEachRemaining(k -> {
            if (!ENTRY_KEYS.contains(k)) {
                throw new InputError(file, field + "." + k, "unknown field", fix);
            }
        });
        for (String k : ENTRY_KEYS) {
            if (!node.has(k)) {
                throw new InputError(file, field + "." + k, "is missing", fix);
            }
        }
        JsonNode d = node.get("dtype");
        if (!d.isTextual()) {
            throw new InputError(file, field + ".dtype", "is a JSON " + JsonInput.kind(d) + ", not a string", fix);
        }
        String dtype = d.textValue();
        int size = READABLE.containsKey(dtype) ? READABLE.get(dtype).bytes() : UNREADABLE.getOrDefault(dtype, 0);
        if (size == 0) {
            throw new InputError(file, field + ".dtype", "\"" + dtype + "\" is not a safetensors dtype flatcheck knows",
                    "flatcheck reads F64, F32, F16, BF16 and integer tensors");
        }
        long[] shape = shape(file, field + ".shape", node.get("shape"), fix);
        long[] offsets = offsets(file, field + ".data_offsets", node.get("data_offsets"), fix);
        if (offsets[1] > bufferLength) {
            throw new InputError(file, field + ".data_offsets", "end " + offsets[1] + " lies beyond the data buffer, which has "
                    + bufferLength + " bytes", FORMAT_FIX);
        }
        long count = count(file, field + ".shape", shape, size);
        long need = count * size;
        if (need > bufferLength) {
            throw new InputError(file, field + ".shape", "is " + java.util.Arrays.toString(shape) + ": " + count + " elements of "
                    + dtype + " need " + need + " bytes, more than the whole data buffer (" + bufferLength + " bytes)",
                    "the header is corrupt; re-save the model");
        }
        long span = offsets[1] - offsets[0];
        if (span != need) {
            throw new InputError(file, field + ".data_offsets", "span " + span + " bytes, but shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + need,
                    "the header is inconsistent; re-save the model");
        }
        return new Entry(name, dtype, shape, count, offsets[0], offsets[1]);
    }

    private static long[] shape(Path file, String field, JsonNode node, String fix) {
        if (!node.isArray()) {
            throw new InputError(file, field, "is a JSON " + JsonInput.kind(node) + ", not an array", fix);
        }
        if (node.size() > 64) {
            throw new InputError(file, field, "has " + node.size() + " dimensions", fix);
        }
        long[] shape = new long[node.size()];
        for (int k = 0; k < shape.length; k++) {
            shape[k] = nonNegative(file, field + "[" + k + "]", node.get(k), fix);
        }
        return shape;
    }

    /**
     * Element count of {@code shape}; refused if the count times {@code itemSize} overflows 64 bits. The
     * caller compares the byte count with the bytes actually present before allocating anything.
     */
    static long count(Path file, String field, long[] shape, int itemSize) {
        for (long d : shape) {
            if (d == 0) {
                return 0;
            }
        }
        long n = itemSize;
        for (long d : shape) {
            if (n > Long.MAX_VALUE / d) {
                throw new InputError(file, field, "is " + java.util.Arrays.toString(shape)
                        + ", whose byte size overflows 64 bits (more elements than any file has bytes)",
                        "the header is corrupt; re-save the model");
            }
            n *= d;
        }
        return n / itemSize;
    }

    private static long[] offsets(Path file, String field, JsonNode node, String fix) {
        if (!node.isArray() || node.size() != 2) {
            throw new InputError(file, field, "is " + JsonInput.describe(node) + ", expected [begin, end]", fix);
        }
        long begin = nonNegative(file, field + "[0]", node.get(0), fix);
        long end = nonNegative(file, field + "[1]", node.get(1), fix);
        if (end < begin) {
            throw new InputError(file, field, "end " + end + " is before begin " + begin, fix);
        }
        return new long[] {begin, end};
    }

    private static long nonNegative(Path file, String field, JsonNode node, String fix) {
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() < 0) {
            throw new InputError(file, field, "is " + JsonInput.describe(node) + ", expected a non-negative integer", fix);
        }
        BigInteger v = node.bigIntegerValue();
        if (v.bitLength() > 62) {
            throw new InputError(file, field, "is " + v + ", beyond any file's size", "the header is corrupt; re-save the model");
        }
        return v.longValue();
    }

    private static void checkOverlaps(Path file, List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.removeIf(e -> e.begin() == e.end());
        sorted.sort(Comparator.comparingLong(Entry::begin));
        for (int k = 1; k < sorted.size(); k++) {
            Entry a = sorted.get(k - 1);
            Entry b = sorted.get(k);
            if (b.begin() < a.end()) {
                throw new InputError(file, tensorField(b.name()) + ".data_offsets", "[" + b.begin() + ", " + b.end()
                        + "] overlaps [" + a.begin() + ", " + a.end() + "] of tensor \"" + a.name() + "\"",
                        "the header is corrupt; re-save the model");
            }
        }
    }

    /**
     * The safetensors bytes of {@code tensors} stored as F64 (header entries in list order, data
     * contiguous, header padded with spaces to a multiple of 8 bytes as the reference writer does).
     *
     * @throws IllegalArgumentException if a value is not exactly a float64 (round first) or names repeat
     */
    public static byte[] toBytesF64(List<Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject(METADATA);
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.name().equals(METADATA) || header.has(t.name())) {
                throw new IllegalArgumentException("tensor name " + t.name() + " repeated or reserved");
            }
            ObjectNode e = header.putObject(t.name());
            e.put("dtype", "F64");
            var shape = e.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            e.putArray("data_offsets").add(offset).add(offset + 8L * t.size());
            offset += 8L * t.size();
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            for (int k = 0; k < t.size(); k++) {
                BigFraction v = t.value(k);
                if (!Float64.isExact(v)) {
                    throw new IllegalArgumentException(t.name() + "[" + k + "] is not exactly a float64");
                }
                out.putLong(Float64.bits(v));
            }
        }
        return out.array();
    }

    /** Writes {@link #toBytesF64} to {@code file} atomically. */
    public static void writeF64(Path file, List<Tensor> tensors, Map<String, String> metadata) {
        AtomicFile.write(file, toBytesF64(tensors, metadata));
    }
}
