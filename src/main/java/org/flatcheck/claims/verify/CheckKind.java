package org.flatcheck.claims.verify;

import java.util.Map;
import java.util.Optional;

/**
 * The kinds of check a certificate states: the value of a check's {@code "check"} field
 * (docs/certificates.md §3). The prover writes these names and the checker reads them; the names are all
 * the two sides share. The checker recomputes each kind by its own code, the kind's {@link CheckHandler}.
 */
public enum CheckKind {
    /** {@code relation}: {@code lhs op rhs} between two quantities ({@link QuantityKind}, {@link RelationOp}). */
    RELATION("relation"),
    /** {@code group_image}: one network is the image of another under a group element. */
    GROUP_IMAGE("group_image"),
    /** {@code same_path_values}: two networks agree on every path value. */
    SAME_PATH_VALUES("same_path_values"),
    /** {@code in_keskar_box}: a point lies in Keskar's ε-box around a center. */
    IN_KESKAR_BOX("in_keskar_box"),
    /** {@code in_box}: a network's parameters lie in a box. */
    IN_BOX("in_box"),
    /** {@code exponent_identity}: every path value is a product of powers of basis-path values. */
    EXPONENT_IDENTITY("exponent_identity"),
    /** {@code sign_test}: an empirical claim's paired sign test, recomputed in full. */
    SIGN_TEST("sign_test");

    private static final Map<String, CheckKind> BY_WIRE = WireNames.index(values(), CheckKind::wire);

    private final String wire;

    CheckKind(String wire) {
        this.wire = wire;
    }

    /** The name in certificates (the {@code "check"} field), exactly as written. */
    public String wire() {
        return wire;
    }

    /** The kind named {@code wire} in a certificate; empty for any other text (the caller reports it). */
    public static Optional<CheckKind> fromWire(String wire) {
        return WireNames.find(BY_WIRE, wire);
    }
}
