package org.flatcheck.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * Reading one JSON input file with field-precise errors: every accessor takes the JSON path of the
 * value it reads and throws {@link InputError} naming file, path, problem and fix.
 */
public final class JsonInput {
    static final String RATIONAL_FIX =
            "write an integer, a fraction p/q or an exact decimal as a JSON string, e.g. \"-3\", \"1/2\", \"0.25\"";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    final Path file;
    /** The file this input came from (or the file it is embedded in). */
    public Path file() {
        return file;
    }

    /** The parsed object. */
    public final JsonNode root;
    private final String prefix;

    private JsonInput(Path file, JsonNode root, String prefix) {
        this.file = file;
        this.root = root;
        this.prefix = prefix;
    }

    /**
     * A JSON object embedded in a larger file (e.g. a network inside a certificate): errors name
     * {@code file} and the field path {@code prefix + path}.
     */
    public static JsonInput embedded(Path file, String prefix, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputError(file, prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix,
                    "is " + (root == null ? "missing" : "a JSON " + kind(root)) + ", expected an object",
                    "give a JSON object with the documented fields");
        }
        return new JsonInput(file, root, prefix);
    }

    /** Reads and parses {@code file}; the root must be a JSON object. */
    public static JsonInput read(Path file) {
        return new JsonInput(file, parseBytes(file, InputFiles.readInput(file)), "");
    }

    /**
     * What Jackson's {@link NumberFormatException} means when it builds the tree: a bare JSON number whose
     * exponent does not fit an int (e.g. {@code 1e3333333333332}), which {@link java.math.BigDecimal} cannot hold.
     */
    static final String HUGE_EXPONENT = "a JSON number has an exponent beyond ±2147483647, which no number type holds";

    private static JsonNode parseBytes(Path file, byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new InputError(file, null, "is not valid JSON: " + describeConstraint(e.getOriginalMessage()),
                    "no flatcheck file needs this; check that it is the right file");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InputError(file, null, "is not valid JSON" + where + ": " + describeSyntaxError(e.getOriginalMessage()),
                    "fix the JSON syntax");
        } catch (NumberFormatException e) {
            throw new InputError(file, null, "is not valid JSON: " + HUGE_EXPONENT, "write exact numbers as strings, e.g. \"1e300\"");
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be read (" + e.getMessage() + ")", "check the file");
        }
        if (root == null || root.isMissingNode()) {
            throw new InputError(file, null, "is empty", "give a JSON object");
        }
        if (!root.isObject()) {
            throw new InputError(file, null, "top level is a JSON " + kind(root) + ", not an object",
                    "wrap the content in { … } with the documented fields");
        }
        return root;
    }

    /** Jackson's message about one of its size limits (nesting depth, number or string length), rephrased. */
    static String describeConstraint(String message) {
        String m = message == null ? "" : message;
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)").matcher(m);
        boolean found = n.find();
        String got = found ? n.group(1) : "?";
        String max = found ? n.group(2) : "?";
        if (m.startsWith("Document nesting depth")) {
            return "arrays and objects are nested more than " + max + " levels deep";
        }
        if (m.startsWith("Number value length")) {
            return "a JSON number has " + got + " digits, above the parser's limit of " + max
                    + " (numbers in flatcheck files are strings, limited by --max-bits)";
        }
        if (m.startsWith("String value length")) {
            return "a JSON string has " + got + " characters, above the parser's limit of " + max;
        }
        if (m.startsWith("Name length")) {
            return "a field name has " + got + " characters, above the parser's limit of " + max;
        }
        return describeSyntaxError(m);
    }

    /** Jackson's message, rephrased for a user: no class names, source descriptions or feature advice. */
    static String describeSyntaxError(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Unexpected end-of-input")) {
            return "ends too early (truncated, or a bracket is not closed)";
        }
        if (m.contains("Trailing token") || m.contains("trailing token")) {
            return "has more content after the top-level value";
        }
        if (m.contains("comment")) {
            return "contains a comment, which JSON does not allow";
        }
        if (m.contains("Non-standard token")) {
            return "contains a bare NaN or Infinity, which is no rational number";
        }
        if (m.contains("Duplicate field")) {
            int q = m.indexOf('\'');
            int r = q < 0 ? -1 : m.indexOf('\'', q + 1);
            return "repeats the field " + (r > q ? m.substring(q, r + 1) : "") + " in one object";
        }
        String line = m.lines().findFirst().orElse("syntax error");
        int cut = line.indexOf(" (");
        if (cut > 0) {
            line = line.substring(0, cut);
        }
        line = line.replace("`", "").replaceAll("\\b(com|java)\\.[\\w.$]+", "value");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    public InputError error(String path, String problem, String fix) {
        String field = path == null || path.isEmpty()
                ? (prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix) : prefix + path;
        return new InputError(file, field, problem, fix);
    }

    /** Rejects fields of {@code node} outside {@code allowed}. */
    public void onlyKeys(JsonNode node, String path, Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw error(path.isEmpty() ? key : path + "." + key, "unknown field",
                        "the known fields here are " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    /** The required field {@code key} of {@code node}. */
    public JsonNode required(JsonNode node, String path, String key, String fix) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw error(path.isEmpty() ? key : path + "." + key, "is missing", fix);
        }
        return v;
    }

    /** The elements of the array {@code node}. */
    public List<JsonNode> array(JsonNode node, String path, String fix) {
        if (!node.isArray()) {
            throw error(path, "is a JSON " + kind(node) + ", expected an array", fix);
        }
        List<JsonNode> out = new ArrayList<>();
        node.forEach(out::add);
        return out;
    }

    /** A string value. */
    public String string(JsonNode node, String path, String fix) {
        if (!node.isTextual()) {
            throw error(path, "is a JSON " + kind(node) + ", expected a string", fix);
        }
        return node.textValue();
    }

    /** A positive JSON integer (layer sizes). */
    public int positiveInt(JsonNode node, String path, String fix) {
        if (!node.isIntegralNumber() || node.bigIntegerValue().signum() <= 0
                || node.bigIntegerValue().bitLength() > 31) {
            throw error(path, "is " + describe(node) + ", expected a positive integer", fix);
        }
        return node.intValue();
    }

    /** {@link #rational(JsonNode, String)} for element {@code index} of {@code path}, building the path only on error. */
    public BigFraction rational(JsonNode node, String path, int index) {
        if (node.isTextual() && node.textValue().length() < 1000) {
            try {
                BigFraction x = Q.parse(node.textValue());
                if (InputLimits.tooLong(x) == null) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // fall through to the full check, which names the element
            }
        }
        return rational(node, path + "[" + index + "]");
    }

    private BigFraction checked(BigFraction x, String path) {
        String size = InputLimits.tooLong(x);
        if (size != null) {
            throw error(path, size, InputLimits.FIX);
        }
        return x;
    }

    /**
     * An exact rational: a string in {@link Q#parse}'s syntax, or a JSON integer token. JSON numbers with a
     * fraction or exponent part are refused, even integral-looking ones such as {@code 2.0} or {@code 1e4},
     * because JSON writers emit rounded binary floats ({@code 1e23} is not the float it stands for).
     */
    public BigFraction rational(JsonNode node, String path) {
        if (node.isTextual()) {
            String size = InputLimits.tooLong(node.textValue());
            if (size != null) {
                throw error(path, size, InputLimits.FIX);
            }
            BigFraction x;
            try {
                x = Q.parse(node.textValue());
            } catch (NumberFormatException e) {
                throw error(path, e.getMessage(), RATIONAL_FIX);
            }
            return checked(x, path);
        }
        if (node.isIntegralNumber()) {
            return checked(Q.of(node.bigIntegerValue()), path);
        }
        if (node.isNumber()) {
            // A fraction or exponent part means a float was written: even an integral-looking one (1e23) may be
            // a rounded binary float, so only integer tokens are read as numbers.
            String text = node.asText();
            throw error(path, "JSON number " + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                    + " has a fraction or exponent part", "write it as a string, e.g. \"2\", \"1/2\" or \"0.5\", so it stays exact");
        }
        throw error(path, "is " + describe(node) + ", expected a rational number", RATIONAL_FIX);
    }

    public static String describe(JsonNode node) {
        String text = node.toString();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return "a JSON " + kind(node) + " (" + text + ")";
    }

    static String kind(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "array";
            case OBJECT:
                return "object";
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            case NULL:
                return "null";
            default:
                return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
