package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.flatcheck.claims.Certificate;
import org.flatcheck.claims.Claim;
import org.flatcheck.claims.ClaimContext;
import org.flatcheck.claims.Claims;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.report.ProveReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flatcheck prove}: decides the papers' claims and writes one certificate per claim. Every
 * certificate is re-checked by {@link CertificateVerifier} before it is written, so a written
 * certificate always passes {@code verify-certificate}; {@link CertificateDirectory} writes them.
 */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = "Decide the papers' claims exactly and write one JSON certificate per claim to --out; each certificate "
            + "is re-checked by the independent checker before it is written. A claim is a theorem (an exact instance of "
            + "what a paper states: HOLDS or REFUTED), an extension (a question the paper does not answer: HOLDS or "
            + "REFUTED, never a refutation of the paper) or empirical (a tendency: SUPPORTED, NOT_SUPPORTED or "
            + "INCONCLUSIVE by a sign test over seeded runs). Exit 1 only when a theorem is REFUTED (a paper or flatcheck "
            + "is wrong), else 0; all certificates are written either way. A certificate in --out that differs from "
            + "this run's is replaced only with --overwrite (else exit 2 and nothing is written).")
final class ProveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "ID", description = "Claims to run (default: all; see --list).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--out", defaultValue = "certificates", paramLabel = "DIR",
            description = "Directory for the certificates (default ${DEFAULT-VALUE}); created if missing.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every random choice (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick", description = "Fewer instances per claim (for CI), 10 seeded runs for empirical claims.")
    boolean quick;

    @Option(names = "--seeds", paramLabel = "N",
            description = "Seeded runs of an empirical claim per task (default 30, or 10 with --quick); at least 5, "
                + "the fewest with which a one-sided sign test can reach p < 0.05.")
    Integer seeds;

    @Option(names = "--list", description = "List the claims and exit.")
    boolean list;

    @Mixin
    TableFormat format;

    @Option(names = "--overwrite", description = "Replace certificates in --out whose content differs from this run's "
            + "(without it such a run writes nothing and exits 2).")
    boolean overwrite;

    @Option(names = "--timings", description = "Also print each claim's wall-clock time, on stderr (stdout and the "
            + "certificates never carry timings: they are byte-identical on every run).")
    boolean timings;

    @Override
    public Integer call() {
        OutputFormat output = format.format();
        if (seeds != null && seeds < 5) {
            throw new ParameterException(spec.commandLine(), "--seeds must be at least 5 (with fewer runs a one-sided sign "
                    + "test cannot reach p < 0.05), got " + seeds);
        }
        if (list) {
            for (Claim c : Claims.all()) {
                spec.commandLine().getOut().println(c.id() + "  (" + c.kind().key() + ")  —  " + c.source());
            }
            return ExitCode.OK;
        }
        Map<String, Claim> chosen = new LinkedHashMap<>();
        for (String id : ids) {
            chosen.put(id, Claims.get(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown claim \"" + id + "\"; 'flatcheck prove --list' names them")));
        }
        if (chosen.isEmpty()) {
            Claims.all().forEach(c -> chosen.put(c.id(), c));
        }
        // Checked now, created only when there is something to write: a stopped or refused run leaves no new directory.
        CertificateDirectory dir = new CertificateDirectory(spec, out, overwrite);
        dir.checkWritable(chosen.values().stream().map(Claim::id).toList());
        ClaimContext context = new ClaimContext(seed, quick, seeds != null ? seeds : ClaimContext.defaultSeeds(quick));
        List<ProveReport.Row> rows = new ArrayList<>();
        Progress progress = Progress.of(spec, "prove", chosen.size());
        // Every certificate is decided and checked before any file is written, so that a run stopped while
        // deciding changes nothing, and one that would replace a different certificate can refuse up front.
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Claim c : chosen.values()) {
            progress.update(rows.size());
            long start = timings ? System.nanoTime() : 0;
            Certificate cert = c.run(context);
            ObjectNode doc = cert.json(Version.get());
            Path file = dir.file(c.id());
            CertificateVerifier.Result check;
            try {
                check = Verifier.verify(file, doc);
            } catch (org.flatcheck.error.BadInput e) {
                // flatcheck wrote this certificate itself: a malformed one is a bug, not the user's input
                throw new IllegalStateException("the certificate of " + c.id() + " is malformed: " + e.getMessage(), e);
            }
            if (!check.valid()) {
                throw new IllegalStateException("the certificate of " + c.id() + " fails its own check: " + check.failures().get(0));
            }
            texts.put(file, Json.pretty(doc) + "\n");
            if (timings) {
                spec.commandLine().getErr().printf(Locale.ROOT, "%s: %.2f s%n", c.id(), (System.nanoTime() - start) / 1e9);
            }
            rows.add(new ProveReport.Row(c.id(), c.kind().key(), c.source(), cert.verdict(), file.toString(), cert.size()));
        }
        progress.done();
        dir.writeAll(texts, this::resumeCommand);
        var w = spec.commandLine().getOut();
        switch (output) {
            case JSON -> w.println(Json.pretty(ProveReport.json(rows)));
            case MARKDOWN -> w.print(ProveReport.markdown(rows));
            case LATEX -> w.print(ProveReport.latex(rows));
            case TEXT -> w.print(ProveReport.text(rows));
        }
        w.flush();
        boolean failed = rows.stream().anyMatch(r -> ClaimKind.of(r.kind()).failure(r.verdict()));
        return failed ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** This run's command line, to repeat for {@code files}: the claims, the options that fix the content, --overwrite, --out. */
    private String resumeCommand(Set<String> files) {
        StringBuilder sb = new StringBuilder("flatcheck prove");
        // every claim the marker names (an earlier stopped run's too), so that the command clears the marker
        boolean all = ids.isEmpty() && files.stream().allMatch(f -> Claims.get(f.replaceAll("\\.json$", "")).isPresent());
        if (!all) {
            files.forEach(f -> sb.append(' ').append(f.replaceAll("\\.json$", "")));
        }
        sb.append(" --seed ").append(seed);
        if (seeds != null) {
            sb.append(" --seeds ").append(seeds);
        }
        if (quick) {
            sb.append(" --quick");
        }
        return sb.append(" --overwrite --out ").append(shellQuoted(out.toString())).toString();
    }

    /** {@code s} as one shell word: unchanged if plain, else in single quotes. */
    static String shellQuoted(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
