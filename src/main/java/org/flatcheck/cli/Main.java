package org.flatcheck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.io.InputError;
import org.flatcheck.io.InputLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code flatcheck} command line (docs/ARCHITECTURE.md §5). Exit codes: 0 success, 1 a check failed, 2 bad input,
 * 3 undefined at this point (a kink), 4 a resource limit, 70 an internal error.
 */
@Command(name = "flatcheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Exact checks of flatness measures of ReLU networks under their symmetries.",
        subcommands = {AuditCommand.class, HessianCommand.class, PathsCommand.class, RescaleCommand.class, CanonCommand.class,
            EquivCommand.class, ClassesCommand.class, ProveCommand.class, VerifyCertificateCommand.class, BoundsCommand.class,
            PlotCommand.class, ImportCommand.class, ExportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @Option(names = "--timeout", scope = CommandLine.ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Stop after this wall-clock time with exit code 4 and no output file (default: no limit).")
    void timeout(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be a positive number of seconds, got " + seconds);
        }
    }

    @Option(names = "--max-bits", scope = CommandLine.ScopeType.INHERIT, paramLabel = "BITS",
            description = "Refuse numbers in input files whose numerator or denominator has more bits (default "
                + InputLimits.DEFAULT_MAX_BITS + ").")
    void maxBits(int bits) {
        if (bits < 64) {
            throw new ParameterException(spec.commandLine(), "--max-bits must be at least 64, got " + bits);
        }
        InputLimits.setMaxBits(bits);
    }

    @Option(names = "--plugin-timeout", scope = CommandLine.ScopeType.INHERIT, paramLabel = "SECONDS",
            description = "Stop (exit 4) when one compute of a plug-in measure takes longer (default "
                + "120 s; flatcheck's own measures are not limited).")
    void pluginTimeout(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new ParameterException(spec.commandLine(), "--plugin-timeout must be a positive number of seconds, got " + seconds);
        }
        org.flatcheck.measures.Catalog.setPluginTimeoutSeconds(seconds);
    }

    @Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
            description = "No progress messages on stderr (they appear only on a terminal, for runs over 2 s).")
    boolean quiet;

    @Option(names = "--progress", scope = CommandLine.ScopeType.INHERIT,
            description = "Progress messages on stderr for runs over 2 s even without a terminal (e.g. into a log).")
    boolean progress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether the global option {@code name} was given anywhere on the command line. */
    static boolean given(CommandLine.Model.CommandSpec spec, String name) {
        CommandLine.ParseResult r = spec.root().commandLine().getParseResult();
        while (r != null) {
            if (r.matchedOption(name) != null) {
                return true;
            }
            r = r.subcommand();
        }
        return false;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        InputLimits.setMaxBits(InputLimits.DEFAULT_MAX_BITS);
        org.flatcheck.measures.Catalog.setPluginTimeoutSeconds(org.flatcheck.measures.Catalog.DEFAULT_PLUGIN_TIMEOUT_SECONDS);
        CommandLine cl = new CommandLine(new Main());
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setParameterExceptionHandler((ParameterException ex, String[] a) -> {
            errWriter.println("error: " + oneLine(ex.getMessage()));
            CommandLine c = ex.getCommandLine();
            errWriter.println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            return ExitCode.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            boolean debug = parsed.matchedOption("--debug") != null
                    || parsed.subcommands().stream().anyMatch(p -> p.matchedOption("--debug") != null);
            return handle(ex, errWriter, debug);
        });
        double timeout = timeoutSeconds(args);
        if (timeout <= 0) {
            return execute(cl, args, errWriter);
        }
        // The command runs in a worker thread; past the deadline the run stops with exit 4 and leaves no
        // output: its files are staged (complete temporary files) and moved into place, and its stdout
        // printed, only once it has finished in time.
        AtomicFile.Staging staging = new AtomicFile.Staging();
        java.io.ByteArrayOutputStream held = new java.io.ByteArrayOutputStream();
        PrintWriter heldWriter = new PrintWriter(new java.io.OutputStreamWriter(held, StandardCharsets.UTF_8), true);
        cl.setOut(heldWriter);
        int[] code = {ExitCode.INTERNAL};
        Thread worker = new Thread(() -> {
            staging.attachToCurrentThread();
            code[0] = execute(cl, args, errWriter);
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
            errWriter.println("limit: --timeout " + TIMEOUT_FORMAT.format(timeout) + " s reached; no output was written. "
                    + "Raise --timeout, or use a smaller input");
            return ExitCode.LIMIT;
        }
        try {
            staging.commit();
        } catch (InputError e) {
            errWriter.println("error: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        heldWriter.flush();
        out.write(held.toByteArray(), 0, held.size());
        out.flush();
        return code[0];
    }

    private static final java.text.DecimalFormat TIMEOUT_FORMAT = new java.text.DecimalFormat("0.###");

    private static int execute(CommandLine cl, String[] args, PrintWriter errWriter) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            errWriter.println("limit: out of memory; give the JVM more heap (JAVA_OPTS=-Xmx…) or use a smaller input");
            return ExitCode.LIMIT;
        } catch (StackOverflowError e) {
            errWriter.println("limit: the input is too deep for this command (stack overflow); give the JVM a larger stack "
                    + "(JAVA_OPTS=-Xss…) or use a shallower network");
            return ExitCode.LIMIT;
        } catch (ExceptionInInitializerError e) {
            // a class whose static set-up failed: report its cause as any other failure, never as exit 1
            Exception cause = e.getCause() instanceof Exception x ? x : new IllegalStateException(String.valueOf(e.getCause()));
            return handle(cause, errWriter, false);
        } catch (Error e) {
            return handle(new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e), errWriter, false);
        }
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

    static int handle(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof Progress.Stopped || ex instanceof java.util.concurrent.CancellationException) {
            return ExitCode.LIMIT; // --timeout: the message was printed when the deadline passed
        }
        if (ex instanceof InputError || ex instanceof org.flatcheck.measures.PluginError) {
            err.println("error: " + ex.getMessage());
            return ExitCode.BAD_INPUT;
        }
        if (ex instanceof KinkException) {
            err.println(ex.getMessage());
            return ExitCode.UNDEFINED;
        }
        if (ex instanceof org.flatcheck.paths.PathEnumerator.PathLimitExceeded
                || ex instanceof org.flatcheck.symmetry.CanonicalForm.TooManyTwins) {
            err.println("limit: " + ex.getMessage());
            return ExitCode.LIMIT;
        }
        if (ex instanceof LimitExceeded || ex instanceof org.flatcheck.claims.verify.CertificateVerifier.TooLarge
                || ex instanceof org.flatcheck.measures.PluginError.Timeout) {
            err.println("limit: " + ex.getMessage());
            return ExitCode.LIMIT;
        }
        err.println("internal error: " + ex.getClass().getSimpleName() + ": " + oneLine(String.valueOf(ex.getMessage())));
        if (debug) {
            ex.printStackTrace(err);
        } else {
            err.println("this is a bug in flatcheck; rerun with --debug for the stack trace and report it");
        }
        return ExitCode.INTERNAL;
    }

    static String oneLine(String s) {
        String t = s.strip().replaceAll("\\s*\\R\\s*", " ");
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (try 'flatcheck hessian --help')");
    }
}
