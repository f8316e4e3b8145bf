package org.flatcheck.error;

/**
 * The input is wrong: a file, an option's value or a plug-in measure. The message names what is at fault
 * and how to fix it. Exit code 2.
 */
public abstract non-sealed class BadInput extends FlatcheckException {
    private static final long serialVersionUID = 1L;

    /** A bad input reported as {@code message} (one line). */
    protected BadInput(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
