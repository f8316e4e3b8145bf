package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.InputError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every failure's exit code comes from its kind, and its line on stderr from the kind's prefix. */
class FailuresTest {
    private final StringWriter text = new StringWriter();
    private final Failures failures = new Failures(new PrintWriter(text, true));

    @Test
    void exitCodesFollowTheKind() {
        assertEquals(ExitCode.BAD_INPUT, failures.getExitCode(new InputError(Path.of("net.json"), "w", "bad", "fix it")));
        assertEquals(ExitCode.LIMIT, failures.getExitCode(new LimitExceeded("--max-x 3 reached")));
        assertEquals(ExitCode.LIMIT, failures.getExitCode(new CancellationException("stopped")));
        assertEquals(ExitCode.INTERNAL, failures.getExitCode(new IllegalStateException("bug")));
    }

    @Test
    void eachKindIsReportedOnOneLineWithItsPrefix() {
        assertEquals(ExitCode.BAD_INPUT, failures.report(new InputError(Path.of("net.json"), "w", "bad", "fix it"), false));
        assertEquals(ExitCode.LIMIT, failures.report(new LimitExceeded("--max-x 3 reached"), false));
        assertEquals(ExitCode.LIMIT, failures.report(new Progress.Stopped(), false));
        assertEquals(ExitCode.INTERNAL, failures.report(new IllegalStateException("a\nbug"), false));
        assertEquals(String.join(System.lineSeparator(), "error: net.json: w: bad; fix it", "limit: --max-x 3 reached",
                "internal error: IllegalStateException: a bug",
                "this is a bug in flatcheck; rerun with --debug for the stack trace and report it", ""), text.toString());
    }

    @CommandLine.Command(name = "root", subcommands = Middle.class)
    static final class Root implements Runnable {
        @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT)
        boolean debug;

        @Override
        public void run() {
        }
    }

    @CommandLine.Command(name = "middle", subcommands = Leaf.class)
    static final class Middle implements Runnable {
        @Override
        public void run() {
        }
    }

    @CommandLine.Command(name = "leaf")
    static final class Leaf implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("a bug");
        }
    }

    /** --debug given after a second-level subcommand (as in {@code plot slice … --debug}) prints the stack trace. */
    @Test
    void debugAfterANestedSubcommandPrintsTheStackTrace() {
        CommandLine cl = new CommandLine(new Root());
        cl.setExecutionExceptionHandler(failures);
        assertEquals(ExitCode.INTERNAL, cl.execute("middle", "leaf", "--debug"));
        assertTrue(text.toString().contains("\tat "), text.toString());
    }
}
