package org.flatcheck.fuzz;

import static org.flatcheck.testing.TensorBytes.concat;
import static org.flatcheck.testing.TensorBytes.le;
import static org.flatcheck.testing.TensorBytes.npyWithHeader;
import static org.flatcheck.testing.TensorBytes.zip;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Structured mutations of the binary model formats, which byte flips and truncations rarely get past
 * the framing of: the JSON header of a safetensors file edited as a tree and framed again with its true
 * length (so offsets, shapes, dtypes and names are what is hostile), the header dict of a {@code .npy}
 * rewritten field by field, and the entries of an {@code .npz} renamed, dropped, duplicated or replaced.
 * Each run keeps the CLI contract of {@code flatcheck import}.
 */
class BinaryMutationProperties {
    private static final List<String> DESCR = List.of("<f8", "<f4", ">f4", "<f2", ">f2", "|f1", "<f16", "<i8", "|u1",
            "|b1", "<c16", "|O", "<U3", "|V8", "", "f8", "<f8<f8", "<f" + "9".repeat(30), "\\x00");
    private static final List<String> SHAPE = List.of("()", "(0,)", "(1,)", "(2,)", "(1, 2)", "(2, 2)", "(2, 1)",
            "(1, 2, 3)", "(-1,)", "(-1, -1)", "(99999999999, 99999999999)", "(9223372036854775807, 2)",
            "(" + "9".repeat(40) + ",)", "(1, 2", "[1, 2]", "(1.5,)", "('a',)", "(2**64,)", "(,)", "(((1,),),)");
    private static final List<String> ORDER = List.of("False", "True", "0", "1", "None", "'False'", "");

    @Property(tries = 200)
    void safetensorsHeaderMutationsKeepTheContract(@ForAll("safetensors") Seed seed,
            @ForAll @IntRange(min = 0, max = 100_000) int node, @ForAll JsonMutator.Kind kind,
            @ForAll("hostile") String replacement, @ForAll @IntRange(min = -16, max = 16) int dataDelta) {
        byte[] b = seed.bytes();
        long n = ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] header = Arrays.copyOfRange(b, 8, (int) (8 + n));
        byte[] data = Arrays.copyOfRange(b, (int) (8 + n), b.length);
        String mutated = JsonMutator.mutate(JsonMutator.parse(header), node, kind, replacement);
        byte[] h = mutated.getBytes(StandardCharsets.UTF_8);
        byte[] d = Arrays.copyOf(data, Math.max(0, data.length + dataDelta));
        Cli.check(seed.target(), concat(le(h.length, 8), h, d));
    }

    @Property(tries = 150)
    void npyHeaderEditsKeepTheContract(@ForAll @IntRange(min = 1, max = 3) int version, @ForAll("descr") String descr,
            @ForAll("order") String order, @ForAll("shape") String shape, @ForAll @IntRange(min = 0, max = 40) int dataBytes,
            @ForAll @IntRange(min = 0, max = 3) int dictForm) {
        String dict = switch (dictForm) {
            case 0 -> "{'descr': '" + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }";
            case 1 -> "{'shape': " + shape + ", 'descr': '" + descr + "', 'fortran_order': " + order + "}";
            case 2 -> "{'descr': '" + descr + "', 'descr': '<f8', 'fortran_order': " + order + ", 'shape': " + shape + "}";
            default -> "{'descr': '" + descr + "', 'shape': " + shape + ", 'extra': 1}";
        };
        byte[] data = new byte[dataBytes];
        Arrays.fill(data, (byte) 0x3F);
        Cli.check(Target.NPY, npyWithHeader(version, dict, data));
    }

    @Property(tries = 100)
    void npzEntryEditsKeepTheContract(@ForAll("npz") Seed seed, @ForAll @IntRange(min = 0, max = 100) int entry,
            @ForAll @IntRange(min = 0, max = 4) int edit, @ForAll("names") String name, @ForAll boolean deflate,
            @ForAll("npyBytes") byte[] replacement) {
        Map<String, byte[]> entries = entries(seed.bytes());
        List<String> names = new ArrayList<>(entries.keySet());
        String victim = names.get(entry % names.size());
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            boolean hit = e.getKey().equals(victim);
            switch (hit ? edit : -1) {
                case 0 -> out.put(name, e.getValue());
                case 1 -> { }
                case 2 -> {
                    out.put(e.getKey(), e.getValue());
                    out.put(name, e.getValue());
                }
                case 3 -> out.put(e.getKey(), replacement);
                case 4 -> out.put(e.getKey(), Arrays.copyOf(e.getValue(), e.getValue().length / 2));
                default -> out.put(e.getKey(), e.getValue());
            }
        }
        Cli.check(Target.NPZ, zip(out, deflate));
    }

    /** The entries of a zip archive, in order. */
    private static Map<String, byte[]> entries(byte[] zipBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                m.put(e.getName(), z.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    @Provide
    Arbitrary<Seed> safetensors() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target() == Target.SAFETENSORS).toList());
    }

    @Provide
    Arbitrary<Seed> npz() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target() == Target.NPZ).toList());
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(JsonMutator.HOSTILE);
    }

    @Provide
    Arbitrary<String> descr() {
        return Arbitraries.of(DESCR);
    }

    @Provide
    Arbitrary<String> shape() {
        return Arbitraries.of(SHAPE);
    }

    @Provide
    Arbitrary<String> order() {
        return Arbitraries.of(ORDER);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("0.weight.npy", "0.bias.npy", "2.weight.npy", "2.bias.npy", "weight.npy", "bias.npy",
                "fc1.weight.npy", "x.npy", "0.weight", "dir/", "../0.weight.npy", "", ".npy", "0.running_mean.npy");
    }

    @Provide
    Arbitrary<byte[]> npyBytes() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target() == Target.NPY).map(Seed::bytes).toList());
    }
}
