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
 * {@code flatcheck verify-certificate FILE}: re-checks a certificate from its contents alone. Exit 0
 * valid, 1 invalid (a stated fact is false), 2 malformed.
 */
@Command(name = "verify-certificate", mixinStandardHelpOptions = true,
        description = "Re-check a claim certificate from its contents alone: every recorded value is recomputed by an "
            + "independent evaluator (its own forward pass, Taylor jets, interval arithmetic) and every stated relation "
            + "is re-evaluated. Exit 0 valid, 1 invalid, 2 malformed.")
final class VerifyCertificateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A certificate written by 'flatcheck prove'.")
    Path file;

    @Override
    public Integer call() {
        CertificateVerifier.Result r = CertificateVerifier.verify(file, org.flatcheck.claims.Claims.kinds());
        PrintWriter out = spec.commandLine().getOut();
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
}
