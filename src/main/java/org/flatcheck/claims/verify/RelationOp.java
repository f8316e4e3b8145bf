package org.flatcheck.claims.verify;

import java.util.Map;
import java.util.Optional;

/**
 * The operator of a {@code relation} check, its {@code "op"} field (docs/certificates.md §3): equality and
 * inequality compare whole vectors, the order relations scalars. Names only; the checker evaluates them.
 */
public enum RelationOp {
    /** {@code ==}. */
    EQ("=="),
    /** {@code !=}. */
    NE("!="),
    /** {@code <}. */
    LT("<"),
    /** {@code <=}. */
    LE("<="),
    /** {@code >}. */
    GT(">"),
    /** {@code >=}. */
    GE(">=");

    private static final Map<String, RelationOp> BY_WIRE = WireNames.index(values(), RelationOp::wire);

    private final String wire;

    RelationOp(String wire) {
        this.wire = wire;
    }

    /** The operator as written in certificates. */
    public String wire() {
        return wire;
    }

    /** The operator written {@code wire}; empty for any other text (the caller reports it). */
    public static Optional<RelationOp> fromWire(String wire) {
        return WireNames.find(BY_WIRE, wire);
    }
}
