package org.flatcheck.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;

/**
 * The JSON dataset format of docs/ARCHITECTURE.md §4: {@code {"inputs": [["1","2"], …], "targets": [["1/2"], …]}},
 * one row per data point, numbers as for networks.
 */
public final class DatasetJson {
    private static final Set<String> KEYS = Set.of("name", "description", "inputs", "targets");
    private static final String FIX = "give \"inputs\" and \"targets\" as equally long arrays of rows of numbers";

    private DatasetJson() {
    }

    /** Reads a JSON dataset. */
    public static Dataset read(Path file) {
        return read(JsonInput.read(file));
    }

    /** Reads a dataset embedded in another JSON file at field path {@code prefix}. */
    public static Dataset read(Path file, String prefix, JsonNode node) {
        return read(JsonInput.embedded(file, prefix.isEmpty() ? "" : prefix + ".", node));
    }

    private static Dataset read(JsonInput in) {
        in.onlyKeys(in.root, "", KEYS);
        BigFraction[][] x = rows(in, "inputs");
        BigFraction[][] y = rows(in, "targets");
        if (x.length != y.length) {
            throw in.error("targets", "has " + y.length + " rows but inputs has " + x.length,
                    "give one target row per input row");
        }
        return Dataset.of(x, y);
    }

    private static BigFraction[][] rows(JsonInput in, String key) {
        List<JsonNode> rows = in.array(in.required(in.root, "", key, FIX), key, FIX);
        if (rows.isEmpty()) {
            throw in.error(key, "is empty", "a dataset needs at least one data point");
        }
        BigFraction[][] out = new BigFraction[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            String path = key + "[" + i + "]";
            List<JsonNode> items = in.array(rows.get(i), path, FIX);
            if (items.isEmpty()) {
                throw in.error(path, "is empty", "give at least one number per row");
            }
            if (i > 0 && items.size() != out[0].length) {
                throw in.error(path, "has length " + items.size() + " but " + key + "[0] has length " + out[0].length,
                        "give every row the same length");
            }
            out[i] = new BigFraction[items.size()];
            for (int j = 0; j < items.size(); j++) {
                out[i][j] = in.rational(items.get(j), path + "[" + j + "]");
            }
        }
        return out;
    }

    /** The dataset as JSON text. */
    public static String toJson(Dataset data) {
        StringBuilder sb = new StringBuilder("{\n  \"inputs\": [");
        for (int i = 0; i < data.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(row(data.input(i)));
        }
        sb.append("\n  ],\n  \"targets\": [");
        for (int i = 0; i < data.size(); i++) {
            sb.append(i == 0 ? "\n    " : ",\n    ").append(row(data.target(i)));
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    /** Writes {@link #toJson} to {@code file} atomically. */
    public static void write(Dataset data, Path file) {
        AtomicFile.write(file, toJson(data));
    }

    private static String row(BigFraction[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append('"').append(Q.format(values[i])).append('"');
        }
        return sb.append(']').toString();
    }
}
