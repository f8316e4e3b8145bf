package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.io.JsonInput;

/**
 * The checker's handler of a {@code relation} check: {@code lhs op rhs} between two recomputed quantities
 * ({@link RelationOp}); {@code ==} and {@code !=} compare whole vectors entry by entry, the order relations
 * need scalars.
 */
final class RelationCheck {
    private RelationCheck() {
    }

    static void check(Recomputation r, JsonNode c, String path) {
        JsonInput in = r.reader().input();
        BigFraction[] lhs = r.quantity(in.required(c, path, "lhs", FIX), path + ".lhs");
        BigFraction[] rhs = r.quantity(in.required(c, path, "rhs", FIX), path + ".rhs");
        String name = in.string(in.required(c, path, "op", FIX), path + ".op", FIX);
        if (lhs == null || rhs == null) {
            return; // a recorded value was wrong: already a failure
        }
        RelationOp op = RelationOp.fromWire(name).orElse(null);
        boolean holds;
        if (op == RelationOp.EQ || op == RelationOp.NE) {
            holds = Arrays.equals(lhs, rhs) == (op == RelationOp.EQ);
        } else {
            if (lhs.length != 1 || rhs.length != 1) {
                throw in.error(path + ".op", "\"" + name + "\" compares vectors", "use == or != for vectors");
            }
            if (op == null) {
                throw in.error(path + ".op", "is \"" + name + "\"", "an op is ==, !=, <, <=, > or >=");
            }
            holds = holds(op, lhs[0].compareTo(rhs[0]));
        }
        if (!holds) {
            r.reader().fail(path + ": " + CertificateVerifier.show(lhs) + " " + name + " " + CertificateVerifier.show(rhs) + " is false");
        }
    }

    /** Whether two scalars whose comparison is {@code s} (negative, 0, positive) are in relation {@code op}. */
    private static boolean holds(RelationOp op, int s) {
        return switch (op) {
            case EQ -> s == 0;
            case NE -> s != 0;
            case LT -> s < 0;
            case LE -> s <= 0;
            case GT -> s > 0;
            case GE -> s >= 0;
        };
    }
}
