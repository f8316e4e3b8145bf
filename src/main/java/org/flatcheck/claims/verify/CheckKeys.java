package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.flatcheck.io.JsonInput;

/**
 * The fields each check kind and each quantity may have: any other field is malformed, so that nothing in a
 * certificate is silently ignored (a forger's extra field, or a misspelt one, would otherwise pass unread).
 */
final class CheckKeys {
    private static final String FIX = "certificates are written by 'flatcheck prove'; see docs/certificates.md for the format";
    private static final Set<String> ELEMENT = Set.of("symmetry", "description", "scales", "factors", "permutation");
    private static final Set<String> QUANTITY = Set.of("q", "value", "factor", "net", "data", "input", "u", "weights", "path",
            "paths", "biases", "what", "lo", "hi", "center", "point", "epsilon", "skeleton", "basis", "signs", "exponents", "terms");
    private static final Set<String> PAIR = Set.of("task", "seed", "large", "small");

    private CheckKeys() {
    }

    /** Throws (malformed) if {@code c} or one of its quantities has a field its kind does not have. */
    static void check(JsonInput in, JsonNode c, String path) {
        String kind = in.string(in.required(c, path, "check", FIX), path + ".check", FIX);
        CheckKind k = CheckKind.fromWire(kind).orElseThrow(() -> in.error(path + ".check", "is \"" + kind + "\"",
                "a check is one of " + Arrays.stream(CheckKind.values()).map(CheckKind::wire).sorted().collect(Collectors.joining(", "))));
        in.onlyKeys(c, path, keys(k));
        if (c.has("element")) {
            in.onlyKeys(c.get("element"), path + ".element", ELEMENT);
        }
        for (String side : new String[] {"lhs", "rhs"}) {
            if (c.has(side)) {
                quantity(in, c.get(side), path + "." + side);
            }
        }
        if (c.has("pairs") && c.get("pairs").isArray()) {
            for (int i = 0; i < c.get("pairs").size(); i++) {
                JsonNode p = c.get("pairs").get(i);
                String pp = path + ".pairs[" + i + "]";
                in.onlyKeys(p, pp, PAIR);
                quantity(in, p.path("large"), pp + ".large");
                quantity(in, p.path("small"), pp + ".small");
            }
        }
    }

    /** The fields a check of {@code kind} may have. */
    private static Set<String> keys(CheckKind kind) {
        return switch (kind) {
            case RELATION -> Set.of("role", "check", "note", "lhs", "op", "rhs");
            case GROUP_IMAGE -> Set.of("role", "check", "note", "from", "to", "element");
            case SAME_PATH_VALUES -> Set.of("role", "check", "note", "a", "b");
            case IN_KESKAR_BOX -> Set.of("role", "check", "note", "center", "point", "epsilon");
            case IN_BOX -> Set.of("role", "check", "note", "net", "lo", "hi");
            case EXPONENT_IDENTITY -> Set.of("role", "check", "note", "net", "basis", "paths", "exponents");
            case SIGN_TEST -> Set.of("role", "check", "note", "measure", "alternative", "level", "pairs", "result");
        };
    }

    private static void quantity(JsonInput in, JsonNode q, String path) {
        if (!q.isObject()) {
            return; // reported where the quantity is read
        }
        in.onlyKeys(q, path, QUANTITY);
        if (q.has("terms") && q.get("terms").isArray()) {
            for (int i = 0; i < q.get("terms").size(); i++) {
                quantity(in, q.get("terms").get(i), path + ".terms[" + i + "]");
            }
        }
    }
}
