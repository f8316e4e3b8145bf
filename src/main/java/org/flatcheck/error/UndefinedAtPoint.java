package org.flatcheck.error;

/**
 * What was asked for is mathematically undefined at this point (e.g. the Hessian at a kink of the loss);
 * the message says why. Exit code 3.
 */
public abstract non-sealed class UndefinedAtPoint extends FlatcheckException {
    private static final long serialVersionUID = 1L;

    /** An undefined quantity, reported as {@code message} (one line). */
    protected UndefinedAtPoint(String message) {
        super(Kind.UNDEFINED, message);
    }
}
