package org.flatcheck.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The named tensors of one model file — safetensors, NumPy {@code .npy} or {@code .npz} — with every
 * value exact. The format is recognised by its first bytes ({@code \x93NUMPY} for {@code .npy}, a zip
 * signature for {@code .npz}, otherwise safetensors), not by the file name. Immutable.
 */
public final class TensorFile {
    /** Most values decoded from one file; each becomes an exact rational, so this bounds memory. */
    public static final long MAX_VALUES = NetworkJson.MAX_PARAMETERS;

    private final Path file;
    private final String format;
    private final List<Tensor> tensors;
    private final List<String> skipped;
    private final Map<String, String> metadata;

    TensorFile(Path file, String format, List<Tensor> tensors, List<String> skipped, Map<String, String> metadata) {
        this.file = Objects.requireNonNull(file, "file");
        this.format = Objects.requireNonNull(format, "format");
        this.tensors = Collections.unmodifiableList(new ArrayList<>(tensors));
        this.skipped = List.copyOf(skipped);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Reads every tensor of {@code file}. */
    public static TensorFile read(Path file) {
        return read(file, name -> false);
    }

    /**
     * Reads {@code file}; tensors whose name {@code skip} accepts are checked for structure (offsets,
     * sizes) where the format allows it, but not decoded, and are listed in {@link #skipped()}.
     *
     * @throws InputError naming the file, the tensor and the fix for every malformed input
     */
    public static TensorFile read(Path file, Predicate<String> skip) {
        byte[] bytes = InputFiles.readInput(file);
        if (startsWith(bytes, Npy.MAGIC)) {
            return Npy.readNpy(file, bytes, skip);
        }
        if (startsWith(bytes, new byte[] {'P', 'K', 3, 4}) || startsWith(bytes, new byte[] {'P', 'K', 5, 6})) {
            return Npy.readNpz(file, skip);
        }
        String lower = String.valueOf(file.getFileName()).toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".npy") || lower.endsWith(".npz")) {
            throw new InputError(file, null, "does not start with the " + (lower.endsWith(".npy")
                    ? "\\x93NUMPY signature of a .npy file" : "PK signature of a zip archive (.npz)"),
                    "save it with numpy.save or numpy.savez, or give a safetensors file");
        }
        return SafeTensors.read(file, bytes, skip);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    public Path file() {
        return file;
    }

    /** {@code safetensors}, {@code npy} or {@code npz}. */
    public String format() {
        return format;
    }

    /** The decoded tensors, in file order. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** Names of the tensors that were present but not decoded. */
    public List<String> skipped() {
        return skipped;
    }

    /** Every tensor name in the file, decoded or skipped. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        tensors.forEach(t -> all.add(t.name()));
        all.addAll(skipped);
        return all;
    }

    /** safetensors' {@code __metadata__} (string to string); empty for NumPy files. */
    public Map<String, String> metadata() {
        return metadata;
    }
}
