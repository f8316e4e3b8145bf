package org.flatcheck.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Structured mutations of a JSON document: the tree is written back as text with one node (by its
 * pre-order index) deleted, duplicated (a duplicate key in an object, an extra element in an array:
 * mis-sized matrices), replaced by a hostile value, emptied, or wrapped in deep nesting.
 */
final class JsonMutator {
    enum Kind { DELETE, DUPLICATE, REPLACE, EMPTY, NEST_DEEP }

    /** Values that stand in for any node: huge, non-rational, wrong types, deep, cyclic names. */
    static final List<String> HOSTILE = List.of(
            "\"1e999999999\"", "\"-1e-999999999\"", "\"1E+2147483648\"", "1e999999999", "-1e-999999999",
            "\"" + "9".repeat(1_000_000) + "\"", "9".repeat(1_000_000), "\"1/" + "7".repeat(5_000) + "\"",
            "\"0." + "0".repeat(100_000) + "1\"", "\"1/0\"", "\"0/0\"", "\"1/-2\"", "\"NaN\"", "NaN", "Infinity",
            "-Infinity", "\"Infinity\"", "\"-inf\"", "1.5", "0.1", "-0.0", "1e-7", "-1", "0", "2147483648",
            "-2147483649", "99999999999999999999999999", "true", "null", "{}", "[]", "\"\"", "\" \"", "\"x\"",
            "\"x1\"", "\"h1\"", "\"y\"", "\"a\"", "\"b\"", "[[[]]]", "[\"1\", \"2\", \"3\"]", "[[\"1\"]]",
            "{\"from\": \"y\", \"to\": \"x1\", \"w\": \"1\"}", "\"0x10\"", "\"1_000\"", "\"\u0661\u0662\"",
            "\"1e5\"", "\"+3\"", "\"  3 \"", "\"3\\u0000\"", "\"\\ud800\"", "\"1/2/3\"", "\".\"", "\"-\"",
            "\"HOLDS\"", "\"REFUTED\"", "\"theta\"", "\"flatcheck-certificate/1\"", "[0, 1]", "[1, 0]", "[-1]");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int DEEP = 100_000;

    private final int target;
    private final Kind kind;
    private final String replacement;
    private int index;
    private final StringBuilder sb = new StringBuilder();

    private JsonMutator(int target, Kind kind, String replacement) {
        this.target = target;
        this.kind = kind;
        this.replacement = replacement;
    }

    static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("seed is not JSON", e);
        }
    }

    /** The number of nodes of {@code node}'s tree. */
    static int size(JsonNode node) {
        int n = 1;
        for (JsonNode c : node) {
            n += size(c);
        }
        return n;
    }

    /** {@code root} as text with the mutation applied to node {@code target} (mod the tree's size). */
    static String mutate(JsonNode root, int target, Kind kind, String replacement) {
        JsonMutator m = new JsonMutator(Math.floorMod(target, size(root)), kind, replacement);
        m.member(null, root);
        return m.sb.toString();
    }

    /** Writes one array element or object member (key null for elements and the root). */
    private void member(String key, JsonNode node) {
        int me = index;
        if (me != target) {
            write(key, node);
            return;
        }
        switch (kind) {
            case DELETE -> index += size(node);
            case DUPLICATE -> {
                write(key, node);
                index = me;
                sb.append(", ");
                write(key, node);
            }
            case REPLACE -> {
                index += size(node);
                key(key);
                sb.append(replacement);
            }
            case EMPTY -> {
                index += size(node);
                key(key);
                sb.append(node.isObject() ? "{}" : node.isArray() ? "[]" : node.isTextual() ? "\"\"" : "0");
            }
            case NEST_DEEP -> {
                key(key);
                sb.append("[".repeat(DEEP));
                write(null, node);
                sb.append("]".repeat(DEEP));
            }
        }
    }

    private void key(String key) {
        if (key != null) {
            sb.append(TextNode.valueOf(key)).append(": ");
        }
    }

    private void write(String key, JsonNode node) {
        key(key);
        index++;
        if (node.isObject()) {
            sb.append('{');
            int before = sb.length();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                int at = sb.length();
                if (at > before) {
                    sb.append(", ");
                }
                int mark = sb.length();
                member(e.getKey(), e.getValue());
                if (sb.length() == mark) {
                    sb.setLength(at); // deleted: drop the separator too
                }
            }
            sb.append('}');
        } else if (node.isArray()) {
            sb.append('[');
            int before = sb.length();
            for (JsonNode c : node) {
                int at = sb.length();
                if (at > before) {
                    sb.append(", ");
                }
                int mark = sb.length();
                member(null, c);
                if (sb.length() == mark) {
                    sb.setLength(at);
                }
            }
            sb.append(']');
        } else {
            sb.append(node.toString());
        }
    }
}
