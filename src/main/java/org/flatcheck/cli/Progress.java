package org.flatcheck.cli;

import java.io.PrintWriter;

/**
 * Progress on stderr for long runs: nothing for the first 2 s, then at most one update per second, when a
 * terminal is attached (a log file or a pipe stays clean) or {@code --progress} is given, and never with
 * {@code --quiet}. What is printed depends on the clock; what the command computes never does.
 */
final class Progress {
    private final PrintWriter err;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private final boolean enabled;
    private long lastPrint;
    private boolean printed;

    private Progress(PrintWriter err, String what, long total, boolean enabled) {
        this.err = err;
        this.what = what;
        this.total = total;
        this.enabled = enabled;
    }

    /** Progress of {@code total} steps of {@code what} for the command of {@code spec}. */
    static Progress of(picocli.CommandLine.Model.CommandSpec spec, String what, long total) {
        boolean wanted = System.console() != null || Main.given(spec, "--progress");
        return new Progress(spec.commandLine().getErr(), what, total, wanted && !Main.given(spec, "--quiet"));
    }

    /**
     * Thrown by {@link #update} once the command was stopped ({@code --timeout}): long loops end promptly. A
     * {@link java.util.concurrent.CancellationException}, as every stop of a run is (exit 4, nothing printed).
     */
    static final class Stopped extends java.util.concurrent.CancellationException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("stopped");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // an expected stop, not a failure: no stack trace to collect
        }
    }

    void update(long done) {
        if (Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < 2_000_000_000L || now - lastPrint < 1_000_000_000L) {
            return;
        }
        lastPrint = now;
        printed = true;
        err.printf("\r%s: %d/%d (%d%%)", what, done, total, total == 0 ? 100 : 100 * done / total);
        err.flush();
    }

    void done() {
        if (printed) {
            err.printf("\r%s: done in %.1f s%n", what, (System.nanoTime() - start) / 1e9);
            err.flush();
        }
    }
}
