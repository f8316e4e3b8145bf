package org.flatcheck.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A value that an option's converter refuses, carrying the whole message the user sees: {@link Failures}
 * prints it instead of picocli's "Invalid value for option …" wording, so that a value checked while parsing
 * reads like one checked by the command.
 */
final class BadOptionValue extends TypeConversionException {
    private static final long serialVersionUID = 1L;

    BadOptionValue(String message) {
        super(message);
    }
}
