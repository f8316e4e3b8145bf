package org.flatcheck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.io.InputError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code flatcheck} command line (DESIGN §5). Exit codes: 0 success, 1 a check failed, 2 bad input,
 * 3 undefined at this point (a kink), 4 a resource limit, 70 an internal error.
 */
@Command(name = "flatcheck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Exact checks of flatness measures of ReLU networks under their symmetries.",
        subcommands = {AuditCommand.class, HessianCommand.class, PathsCommand.class, RescaleCommand.class, CanonCommand.class,
            EquivCommand.class, ClassesCommand.class, ProveCommand.class, VerifyCertificateCommand.class,
            ImportCommand.class, ExportCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of internal errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.exit(run(args, out, System.err));
    }

    /** Runs the command line with the given streams and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
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
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            errWriter.println("limit: out of memory; give the JVM more heap (JAVA_OPTS=-Xmx…) or use a smaller input");
            return ExitCode.LIMIT;
        }
    }

    static int handle(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof InputError) {
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
        if (ex instanceof LimitExceeded || ex instanceof org.flatcheck.claims.verify.CertificateVerifier.TooLarge) {
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
