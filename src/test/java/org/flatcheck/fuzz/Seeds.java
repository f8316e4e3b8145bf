package org.flatcheck.fuzz;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Valid seed files per {@link Target}: the repository's examples and certificates, and small generated ones. */
final class Seeds {
    /** The repository root (Maven runs tests there). */
    static final Path ROOT = Path.of("").toAbsolutePath();
    /** A valid network whose 2 inputs and 1 output fit every dataset seed. */
    static final Path PARTNER_NET = ROOT.resolve("examples/mlp-2-3-1.json");

    private Seeds() {
    }

    /** Small generated seeds, so mutations often reach the later checks of a reader. */
    static List<String> generated(Target t) {
        return switch (t) {
            case NETWORK_LAYERED -> List.of(
                    "{\"layers\": [1, 1], \"weights\": [[[\"1\"]]]}",
                    "{\"name\": \"n\", \"layers\": [2, 1, 1], \"weights\": [[[\"1/2\", \"-3\"]], [[2]]],"
                        + " \"biases\": [[\"0.25\"], [\"-1\"]]}");
            case NETWORK_DAG -> List.of(
                    "{\"inputs\": [\"x\"], \"hidden\": [\"a\", \"b\"], \"outputs\": [\"y\"], \"edges\": ["
                        + "{\"from\": \"x\", \"to\": \"a\", \"w\": \"1\"}, {\"from\": \"a\", \"to\": \"b\", \"w\": \"2\"},"
                        + " {\"from\": \"b\", \"to\": \"y\", \"w\": \"-1/3\"}, {\"from\": \"x\", \"to\": \"y\", \"w\": 1}],"
                        + " \"biases\": {\"a\": \"1\", \"y\": \"0\"}}");
            case DATASET_JSON -> List.of("{\"inputs\": [[\"1\", \"2\"]], \"targets\": [[\"1/2\"]]}");
            case DATASET_CSV -> List.of("x1,x2,y1\n1,2,3\n\"1/2\",-0.5,1e-3\n");
            case CERTIFICATE -> List.of();
        };
    }

    /** All seeds of {@code t} as bytes. */
    static List<byte[]> all(Target t) {
        List<byte[]> out = new ArrayList<>();
        t.seeds.forEach(s -> out.add(Files0.read(s)));
        generated(t).forEach(s -> out.add(s.getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
