package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How the checker recomputes one kind of check (docs/certificates.md §3): a false fact is recorded as a
 * failure ({@link CertificateReader#fail}), a malformed one raised. {@link #of} is exhaustive over
 * {@link CheckKind}, so a new kind does not compile until it has a handler.
 */
@FunctionalInterface
interface CheckHandler {
    /** Recomputes the check {@code c} (at {@code path}, for messages). */
    void check(Recomputation r, JsonNode c, String path);

    /** The checker's handler of {@code kind}. */
    static CheckHandler of(CheckKind kind) {
        return switch (kind) {
            case RELATION -> RelationCheck::check;
            case GROUP_IMAGE -> GroupImageCheck::check;
            case SAME_PATH_VALUES -> PathChecks::samePathValues;
            case IN_KESKAR_BOX -> BoxChecks::inKeskarBox;
            case IN_BOX -> BoxChecks::inBox;
            case EXPONENT_IDENTITY -> PathChecks::exponentIdentity;
            case SIGN_TEST -> SignTestCheck::check;
        };
    }
}
