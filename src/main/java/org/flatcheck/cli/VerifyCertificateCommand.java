package org.flatcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flatcheck.claims.verify.CertificateVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flatcheck verify-certificate FILE…}: re-checks certificates from their contents alone, each against
 * its claim's own definition (docs/certificates.md). Every file is checked; the exit code is the worst
 * outcome: 2 if one is malformed, else 4 if one is too large to check, else 1 if one is invalid, else 0.
 */
@Command(name = "verify-certificate", mixinStandardHelpOptions = true,
        description = "Re-check a claim certificate from its contents alone: every recorded value is recomputed by an "
            + "independent evaluator (its own forward pass, Taylor jets, interval arithmetic) and every stated relation "
            + "is re-evaluated, and the checks must be the evidence the named claim needs. With several files, each is "
            + "checked and the exit code is the worst: 2 if one is malformed, else 4 if one is too large, else 1 if "
            + "one is invalid, else 0.")
final class VerifyCertificateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Certificates written by 'flatcheck prove'.")
    java.util.List<Path> files;

    @picocli.CommandLine.Option(names = "--max-check-work", paramLabel = "OPS",
            description = "Refuse (exit 4) a certificate whose re-checking is estimated, from the sizes and bit lengths of "
                + "its networks and numbers, to take more word operations (default ${DEFAULT-VALUE}).",
            defaultValue = "" + CertificateVerifier.DEFAULT_MAX_WORK)
    long maxWork;

    @Override
    public Integer call() {
        if (maxWork < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-check-work must be at least 1, got " + maxWork);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int worst = ExitCode.OK;
        for (Path file : files) {
            int code;
            if (files.size() == 1) {
                code = check(file, out); // one file: errors propagate to Main, as for every command
            } else {
                try {
                    code = check(file, out);
                } catch (org.flatcheck.io.InputError e) {
                    err.println("error: " + e.getMessage());
                    code = ExitCode.BAD_INPUT;
                } catch (Verifier.TooLarge e) {
                    err.println("limit: " + file + ": " + e.getMessage());
                    code = ExitCode.LIMIT;
                }
            }
            worst = rank(code) > rank(worst) ? code : worst;
        }
        out.flush();
        return worst;
    }

    private int check(Path file, PrintWriter out) {
        CertificateVerifier.Result r = Verifier.verify(file, maxWork);
        if (r.valid()) {
            out.println(file + ": valid — claim " + r.claim() + " " + r.verdict() + ", " + r.checks() + " checks re-evaluated");
            return ExitCode.OK;
        }
        out.println(file + ": INVALID — " + r.failures().size() + " of the stated facts are false:");
        r.failures().stream().limit(10).forEach(f -> out.println("  " + f));
        if (r.failures().size() > 10) {
            out.println("  … and " + (r.failures().size() - 10) + " more");
        }
        return ExitCode.CHECK_FAILED;
    }

    /** Malformed outranks too large outranks invalid outranks valid. */
    private static int rank(int code) {
        return code == ExitCode.BAD_INPUT ? 3 : code == ExitCode.LIMIT ? 2 : code == ExitCode.CHECK_FAILED ? 1 : 0;
    }
}
