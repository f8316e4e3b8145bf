package org.flatcheck.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.flatcheck.io.InputLimits;
import org.flatcheck.measures.Catalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code flatcheck} command line (docs/ARCHITECTURE.md §5): the global options and the subcommands. Exit
 * codes: 0 success, 1 a check failed, 2 bad input, 3 undefined at this point (a kink), 4 a resource limit,
 * 70 an internal error; {@link Failures} maps exceptions to them.
 */
@Command(name = "flatcheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Exact checks of flatness measures of ReLU networks under their symmetries.",
        footer = {"", "Environment (read by the launchers ./flatcheck and bin/flatcheck):",
            "  FLATCHECK_CLASSPATH  extra class path (jars or directories, ':'-",
            "                       separated) searched for plug-in measures",
            "                       (META-INF/services/org.flatcheck.measures.",
            "                       FlatnessMeasure)",
            "  JAVA_OPTS            extra JVM options (e.g. -Xmx8g)"},
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
        pluginTimeoutSeconds = seconds;
    }

    /** {@code --plugin-timeout}, in seconds. */
    double pluginTimeoutSeconds = Catalog.DEFAULT_PLUGIN_TIMEOUT_SECONDS;

    /** The {@code --plugin-timeout} of the command line that {@code spec} belongs to. */
    static double pluginTimeoutSeconds(CommandLine.Model.CommandSpec spec) {
        return ((Main) spec.root().userObject()).pluginTimeoutSeconds;
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
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // --max-bits is confined to the thread that runs the command (the readers read it there): every run
        // starts from the default.
        InputLimits.setMaxBits(InputLimits.DEFAULT_MAX_BITS);
        CommandLine cl = new CommandLine(new Main());
        // Loaded here, by flatcheck's own module, so that the option texts are found on the module path too
        // (picocli would look the bundle up from its own module).
        cl.setResourceBundle(java.util.ResourceBundle.getBundle("org.flatcheck.cli.OptionTexts"));
        PrintWriter errWriter = new PrintWriter(err, true);
        Failures failures = new Failures(errWriter);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(errWriter);
        cl.setParameterExceptionHandler(failures);
        cl.setExecutionExceptionHandler(failures);
        cl.setExitCodeExceptionMapper(failures);
        double timeout = TimedRun.timeoutSeconds(args);
        return timeout > 0 ? TimedRun.run(cl, args, timeout, out, errWriter, failures) : execute(cl, args, failures, errWriter);
    }

    /**
     * Executes the command line. picocli reports exceptions through {@link Failures}; errors of the JVM pass
     * it by, and are reported here: out of memory or stack is a resource limit, anything else a bug.
     */
    static int execute(CommandLine cl, String[] args, Failures failures, PrintWriter err) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("limit: out of memory; give the JVM more heap (JAVA_OPTS=-Xmx…) or use a smaller input");
            return ExitCode.LIMIT;
        } catch (StackOverflowError e) {
            err.println("limit: the input is too deep for this command (stack overflow); give the JVM a larger stack "
                    + "(JAVA_OPTS=-Xss…) or use a shallower network");
            return ExitCode.LIMIT;
        } catch (ExceptionInInitializerError e) {
            // a class whose static set-up failed: report its cause as any other failure, never as exit 1
            Exception cause = e.getCause() instanceof Exception x ? x : new IllegalStateException(String.valueOf(e.getCause()));
            return failures.report(cause, false);
        } catch (Error e) {
            return failures.report(new IllegalStateException(e.getClass().getSimpleName() + ": " + e.getMessage(), e), false);
        }
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (try 'flatcheck hessian --help')");
    }
}
