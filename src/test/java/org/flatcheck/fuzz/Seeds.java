package org.flatcheck.fuzz;

import static org.flatcheck.testing.TensorBytes.be;
import static org.flatcheck.testing.TensorBytes.concat;
import static org.flatcheck.testing.TensorBytes.f32;
import static org.flatcheck.testing.TensorBytes.f64;
import static org.flatcheck.testing.TensorBytes.npy;
import static org.flatcheck.testing.TensorBytes.safetensors;
import static org.flatcheck.testing.TensorBytes.u16;
import static org.flatcheck.testing.TensorBytes.zip;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid seed files per {@link Target}: the repository's examples and certificates, and small generated ones. */
final class Seeds {
    /** The repository root (Maven runs tests there). */
    static final Path ROOT = Path.of("").toAbsolutePath();
    /** A valid network whose 2 inputs and 1 output fit every dataset seed. */
    static final Path PARTNER_NET = ROOT.resolve("examples/mlp-2-3-1.json");

    private Seeds() {
    }

    /** Small generated seeds, so mutations often reach the later checks of a reader. */
    static List<byte[]> generated(Target t) {
        return switch (t) {
            case NETWORK_LAYERED -> utf8(
                    "{\"layers\": [1, 1], \"weights\": [[[\"1\"]]]}",
                    "{\"name\": \"n\", \"layers\": [2, 1, 1], \"weights\": [[[\"1/2\", \"-3\"]], [[2]]],"
                        + " \"biases\": [[\"0.25\"], [\"-1\"]]}");
            case NETWORK_DAG -> utf8(
                    "{\"inputs\": [\"x\"], \"hidden\": [\"a\", \"b\"], \"outputs\": [\"y\"], \"edges\": ["
                        + "{\"from\": \"x\", \"to\": \"a\", \"w\": \"1\"}, {\"from\": \"a\", \"to\": \"b\", \"w\": \"2\"},"
                        + " {\"from\": \"b\", \"to\": \"y\", \"w\": \"-1/3\"}, {\"from\": \"x\", \"to\": \"y\", \"w\": 1}],"
                        + " \"biases\": {\"a\": \"1\", \"y\": \"0\"}}");
            case DATASET_JSON -> utf8("{\"inputs\": [[\"1\", \"2\"]], \"targets\": [[\"1/2\"]]}");
            case DATASET_CSV -> utf8("x1,x2,y1\n1,2,3\n\"1/2\",-0.5,1e-3\n");
            case CERTIFICATE -> List.of();
            case CLASSES_SHARD -> List.of();
            case SAFETENSORS -> List.of(
                    // nn.Sequential(Linear(2, 2), ReLU, Linear(2, 1)) in F32, with metadata
                    safetensors("{'__metadata__': {'format': 'pt'}, '0.weight': {'dtype': 'F32', 'shape': [2, 2],"
                            + " 'data_offsets': [0, 16]}, '0.bias': {'dtype': 'F32', 'shape': [2], 'data_offsets': [16, 24]},"
                            + " '2.weight': {'dtype': 'F32', 'shape': [1, 2], 'data_offsets': [24, 32]}}",
                            f32(0.5f, -1.25f, 3f, 1e-40f, 0.1f, -2f, 1f, -0.75f)),
                    // fc-style names in F16 and BF16 (with an F16 subnormal) and an F64 bias
                    safetensors("{'fc1.weight': {'dtype': 'F16', 'shape': [1, 2], 'data_offsets': [0, 4]},"
                            + " 'fc2.weight': {'dtype': 'BF16', 'shape': [1, 1], 'data_offsets': [4, 6]},"
                            + " 'fc2.bias': {'dtype': 'F64', 'shape': [1], 'data_offsets': [6, 14]}}",
                            concat(u16(0x0001, 0x3C00, 0xBF80), f64(0.25))));
            case NPY -> List.of(
                    npy(1, "<f8", false, "(1, 2)", f64(0.5, -3)),
                    npy(2, "<f4", true, "(2, 2)", f32(1f, 2f, -0.5f, 1e-45f)),
                    npy(3, ">f2", false, "(1, 1)", be(0x3C00, 2)));
            case NPZ -> List.of(
                    zip(entries("0.weight.npy", npy(1, "<f4", false, "(2, 2)", f32(1f, -2f, 0.5f, 3f)),
                            "0.bias.npy", npy(1, "<f8", false, "(2,)", f64(0.25, -1)),
                            "2.weight.npy", npy(1, "<f4", false, "(1, 2)", f32(1f, -1f))), false),
                    zip(entries("fc1.weight.npy", npy(1, "<f8", false, "(1, 1)", f64(2)),
                            "fc2.weight.npy", npy(1, "<f8", false, "(1, 1)", f64(-0.5))), true));
        };
    }

    private static List<byte[]> utf8(String... texts) {
        List<byte[]> out = new ArrayList<>();
        for (String t : texts) {
            out.add(t.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Map<String, byte[]> entries(Object... nameThenBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenBytes.length; i += 2) {
            m.put((String) nameThenBytes[i], (byte[]) nameThenBytes[i + 1]);
        }
        return m;
    }

    /** All seeds of {@code t} as bytes. */
    static List<byte[]> all(Target t) {
        List<byte[]> out = new ArrayList<>();
        t.seeds.forEach(s -> out.add(Files0.read(s)));
        out.addAll(generated(t));
        return out;
    }
}
