package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.io.InputError;
import org.junit.jupiter.api.Test;

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
}
