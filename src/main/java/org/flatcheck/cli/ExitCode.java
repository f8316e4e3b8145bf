package org.flatcheck.cli;

import org.flatcheck.error.FlatcheckException;

/** The exit codes of docs/ARCHITECTURE.md §5. */
public final class ExitCode {
    /** Success. */
    public static final int OK = 0;
    /** A check failed: a claim refuted, a property violated. */
    public static final int CHECK_FAILED = 1;
    /** Bad input; the message names file, field and fix. */
    public static final int BAD_INPUT = 2;
    /** Mathematically undefined at this point, e.g. a kink. */
    public static final int UNDEFINED = 3;
    /** A resource limit was reached; the message names the limit's flag. */
    public static final int LIMIT = 4;
    /** An internal error (a bug), as in BSD's EX_SOFTWARE. */
    public static final int INTERNAL = 70;

    private ExitCode() {
    }

    /** The exit code of a failure of this kind. */
    public static int of(FlatcheckException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> BAD_INPUT;
            case UNDEFINED -> UNDEFINED;
            case LIMIT -> LIMIT;
        };
    }
}
