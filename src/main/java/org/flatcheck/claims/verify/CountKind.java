package org.flatcheck.claims.verify;

import java.util.Map;
import java.util.Optional;

/**
 * What a {@code count} quantity counts, its {@code "what"} field (docs/certificates.md §4). Names only: the
 * prover and the checker count by their own routes.
 */
public enum CountKind {
    /** {@code parameters}: every weight and bias. */
    PARAMETERS("parameters"),
    /** {@code weights}: the non-bias edges. */
    WEIGHTS("weights"),
    /** {@code hidden}: the hidden nodes. */
    HIDDEN("hidden"),
    /** {@code paths}: the paths from an input to an output (bias paths not counted). */
    PATHS("paths");

    private static final Map<String, CountKind> BY_WIRE = WireNames.index(values(), CountKind::wire);

    private final String wire;

    CountKind(String wire) {
        this.wire = wire;
    }

    /** The name as written in certificates. */
    public String wire() {
        return wire;
    }

    /** The count named {@code wire}; empty for any other text (the caller reports it). */
    public static Optional<CountKind> fromWire(String wire) {
        return WireNames.find(BY_WIRE, wire);
    }
}
