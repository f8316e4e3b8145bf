package org.flatcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.io.InputError;
import picocli.CommandLine;

/**
 * A run under {@code --timeout}: the command runs in a worker thread; past the deadline the run stops with
 * exit 4 and leaves no output. Its files are staged (complete temporary files, {@link AtomicFile.Staging})
 * and its stdout held back, and both are released only once it has finished in time.
 */
final class TimedRun {
    private static final DecimalFormat SECONDS = new DecimalFormat("0.###");

    private TimedRun() {
    }

    /** The value of {@code --timeout S} / {@code --timeout=S} if present and valid (picocli reports invalid ones), else 0. */
    static double timeoutSeconds(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = args[i].startsWith("--timeout=") ? args[i].substring(10)
                    : args[i].equals("--timeout") && i + 1 < args.length ? args[i + 1] : null;
            if (v != null) {
                try {
                    double t = Double.parseDouble(v);
                    return t > 0 && Double.isFinite(t) ? t : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** Runs {@code cl} on {@code args} for at most {@code timeout} seconds and returns the exit code. */
    static int run(CommandLine cl, String[] args, double timeout, PrintStream out, PrintWriter err, Failures failures) {
        AtomicFile.Staging staging = new AtomicFile.Staging();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        PrintWriter heldWriter = new PrintWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8), true);
        cl.setOut(heldWriter);
        int[] code = {ExitCode.INTERNAL};
        Thread worker = new Thread(() -> {
            staging.attachToCurrentThread();
            code[0] = Main.execute(cl, args, failures, err);
        }, "flatcheck-command");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join((long) Math.ceil(timeout * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            staging.cancel();
            worker.interrupt();
            err.println("limit: --timeout " + SECONDS.format(timeout) + " s reached; no output was written. "
                    + "Raise --timeout, or use a smaller input");
            return ExitCode.LIMIT;
        }
        try {
            staging.commit();
        } catch (InputError e) {
            err.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        heldWriter.flush();
        out.write(held.toByteArray(), 0, held.size());
        out.flush();
        return code[0];
    }
}
