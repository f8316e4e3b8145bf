package org.flatcheck.cli;

import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import org.flatcheck.error.FlatcheckException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How a run that does not succeed ends: the exit code of every exception (docs/ARCHITECTURE.md §5) and the
 * one line on stderr that explains it. A {@link FlatcheckException} exits with the code of its kind; a
 * {@link CancellationException} is a run stopped by {@code --timeout}, whose message was printed when the
 * deadline passed; anything else is a bug in flatcheck (exit 70).
 */
final class Failures implements IExitCodeExceptionMapper, IExecutionExceptionHandler, IParameterExceptionHandler {
    private final PrintWriter err;

    Failures(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof FlatcheckException f) {
            return ExitCode.of(f.kind());
        }
        return t instanceof CancellationException ? ExitCode.LIMIT : ExitCode.INTERNAL;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        // --debug may follow any subcommand level (e.g. plot slice … --debug): look along the whole chain
        return report(ex, Main.given(cl.getCommandSpec(), "--debug"));
    }

    /**
     * A usage error found by picocli or thrown by a command: the message (a converter's own for a
     * {@link BadOptionValue}) and where to read the usage.
     */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        String message = ex.getCause() instanceof BadOptionValue v ? v.getMessage() : ex.getMessage();
        err.println("error: " + oneLine(message));
        err.println("see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
        return ExitCode.BAD_INPUT;
    }

    /** Prints what {@code ex} means for the user (with {@code debug}, an internal error's stack trace) and returns its exit code. */
    int report(Throwable ex, boolean debug) {
        int code = getExitCode(ex);
        if (ex instanceof FlatcheckException f) {
            err.println(prefix(f.kind()) + f.getMessage());
        } else if (code == ExitCode.INTERNAL) {
            err.println("internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage())));
            if (debug) {
                ex.printStackTrace(err);
            } else {
                err.println("this is a bug in flatcheck; rerun with --debug for the stack trace and report it");
            }
        }
        return code;
    }

    /** What precedes the message of a failure of this kind; a kink's message names itself ("kink: …"). */
    static String prefix(FlatcheckException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> "error: ";
            case UNDEFINED -> "";
            case LIMIT -> "limit: ";
        };
    }

    /** {@code s} on one line, at most 300 characters. */
    static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }
}
