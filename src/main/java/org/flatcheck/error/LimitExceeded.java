package org.flatcheck.error;

/** A resource limit was reached; the message names the limit's flag and how to raise it. Exit code 4. */
public non-sealed class LimitExceeded extends FlatcheckException {
    private static final long serialVersionUID = 1L;

    /** A limit reached, reported as {@code message} (one line, without a "limit:" prefix). */
    public LimitExceeded(String message) {
        super(Kind.LIMIT, message);
    }
}
