package org.flatcheck.cli;

import picocli.CommandLine.Option;

/** The option {@code --json} of the commands whose report is text or JSON (a picocli mixin). */
final class JsonFormat {
    @Option(names = "--json", descriptionKey = "json", description = "JSON on stdout.")
    boolean json;

    /** {@link OutputFormat#JSON} with {@code --json}, else {@link OutputFormat#TEXT}. */
    OutputFormat format() {
        return json ? OutputFormat.JSON : OutputFormat.TEXT;
    }
}
