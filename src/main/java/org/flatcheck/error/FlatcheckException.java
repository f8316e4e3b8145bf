package org.flatcheck.error;

/**
 * A run that cannot succeed for a reason the user can act on: bad input, a point where the quantity asked
 * for is undefined, or a resource limit. The message is one line that says what happened and what to do;
 * the command line prints it and exits with the code of its {@link Kind} (docs/ARCHITECTURE.md §5). Every
 * other exception that ends a run is a bug in flatcheck.
 *
 * <p>Sealed to three kinds, each an open class that the packages extend with their own exceptions
 * ({@code io.InputError}, {@code calculus.KinkException}, {@code measures.PluginError}, …). This package
 * depends on nothing, so that every package, however low, can throw them.
 */
public abstract sealed class FlatcheckException extends RuntimeException
        permits BadInput, UndefinedAtPoint, LimitExceeded {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the exit code is concerned. */
    public enum Kind {
        /** The input (a file, an option's value, a plug-in) is wrong; exit 2. */
        BAD_INPUT,
        /** The quantity is mathematically undefined at this point, e.g. at a kink; exit 3. */
        UNDEFINED,
        /** A resource limit was reached; the message names the limit's flag; exit 4. */
        LIMIT
    }

    private final Kind kind;

    FlatcheckException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** The kind of failure, which decides the exit code. */
    public final Kind kind() {
        return kind;
    }
}
