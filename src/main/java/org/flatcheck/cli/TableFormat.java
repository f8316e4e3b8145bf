package org.flatcheck.cli;

import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options {@code --json}, {@code --markdown} and {@code --latex} of the commands that print a table (a
 * picocli mixin): each flag names one {@link OutputFormat}, and at most one may be given. Flags rather than
 * one {@code --format} value, because they are documented; not a picocli exclusive group, whose synopsis
 * and message differ from the documented ones. The choice is checked when the command asks for it, so the
 * checks picocli makes while parsing (a missing {@code --net}, …) come first.
 */
final class TableFormat {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final Set<OutputFormat> given = EnumSet.noneOf(OutputFormat.class);

    @Option(names = "--json", descriptionKey = "json", description = "JSON on stdout.")
    void json(boolean on) {
        choose(OutputFormat.JSON, on);
    }

    @Option(names = "--markdown", descriptionKey = "markdown", description = "A Markdown table on stdout.")
    void markdown(boolean on) {
        choose(OutputFormat.MARKDOWN, on);
    }

    @Option(names = "--latex", descriptionKey = "latex", description = "A LaTeX table (booktabs) on stdout.")
    void latex(boolean on) {
        choose(OutputFormat.LATEX, on);
    }

    private void choose(OutputFormat f, boolean on) {
        if (on) {
            given.add(f);
        }
    }

    /** The format given, {@link OutputFormat#TEXT} if none; a usage error (exit 2) if several were given. */
    OutputFormat format() {
        if (given.size() > 1) {
            throw new ParameterException(mixee.commandLine(), "choose one of --json, --markdown and --latex");
        }
        return given.isEmpty() ? OutputFormat.TEXT : given.iterator().next();
    }
}
