package org.flatcheck.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flatcheck.claims.Certificate;
import org.flatcheck.claims.Claim;
import org.flatcheck.claims.ClaimContext;
import org.flatcheck.claims.Claims;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.io.InputError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flatcheck prove}: decides the papers' claims and writes one certificate per claim. Every
 * certificate is re-checked by {@link CertificateVerifier} before it is written, so a written
 * certificate always passes {@code verify-certificate}.
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

    @Option(names = "--json", description = "JSON on stdout.")
    boolean json;

    @Option(names = "--markdown", description = "A Markdown table on stdout.")
    boolean markdown;

    @Option(names = "--latex", description = "A LaTeX table (booktabs) on stdout.")
    boolean latex;

    @Option(names = "--overwrite", description = "Replace certificates in --out whose content differs from this run's "
            + "(without it such a run writes nothing and exits 2).")
    boolean overwrite;

    @Option(names = "--timings", description = "Also print each claim's wall-clock time, on stderr (stdout and the "
            + "certificates never carry timings: they are byte-identical on every run).")
    boolean timings;

    @Override
    public Integer call() {
        if ((json ? 1 : 0) + (markdown ? 1 : 0) + (latex ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "choose one of --json, --markdown and --latex");
        }
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
            Claim c = Claims.get(id).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown claim \"" + id + "\"; 'flatcheck prove --list' names them"));
            chosen.put(id, c);
        }
        if (chosen.isEmpty()) {
            Claims.all().forEach(c -> chosen.put(c.id(), c));
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " exists and is not a directory; give a directory");
        }
        // Checked now, created only when there is something to write: a stopped or refused run leaves no new directory.
        Path existing = out.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " cannot be created ("
                    + (existing == null ? "no existing parent" : existing + " is not a writable directory") + "); give a writable directory");
        }
        for (Claim c : chosen.values()) {
            Path file = out.resolve(c.id() + ".json");
            if (Files.exists(file) && !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new InputError(file, null, "exists and is not a regular file", "remove it, or give another --out");
            }
        }
        ClaimContext context = new ClaimContext(seed, quick, seeds != null ? seeds : ClaimContext.defaultSeeds(quick));
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        Progress progress = Progress.of(spec, "prove", chosen.size());
        // Every certificate is decided and checked before any file is written, so that a run stopped while
        // deciding changes nothing, and one that would replace a different certificate can refuse up front.
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Claim c : chosen.values()) {
            progress.update(rows.size());
            long start = timings ? System.nanoTime() : 0;
            Certificate cert = c.run(context);
            ObjectNode doc = cert.json(Version.get());
            Path file = out.resolve(c.id() + ".json");
            CertificateVerifier.Result check = Verifier.verify(file, doc);
            if (!check.valid()) {
                throw new IllegalStateException("the certificate of " + c.id() + " fails its own check: " + check.failures().get(0));
            }
            texts.put(file, Json.pretty(doc) + "\n");
            if (timings) {
                spec.commandLine().getErr().printf(java.util.Locale.ROOT, "%s: %.2f s%n", c.id(), (System.nanoTime() - start) / 1e9);
            }
            ObjectNode row = rows.addObject();
            row.put("id", c.id());
            row.put("kind", c.kind().key());
            row.put("source", c.source());
            row.put("verdict", cert.verdict());
            row.put("certificate", file.toString());
            row.put("checks", cert.size());
        }
        progress.done();
        writeAll(texts);
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("claims", rows);
        var w = spec.commandLine().getOut();
        if (json) {
            w.println(Json.pretty(o));
        } else if (markdown) {
            w.println("| claim | kind | source | verdict | checks | certificate |");
            w.println("|---|---|---|---|---|---|");
            rows.forEach(r -> w.println("| `" + r.get("id").asText() + "` | " + r.get("kind").asText() + " | "
                    + r.get("source").asText() + " | " + r.get("verdict").asText() + " | " + r.get("checks").asInt() + " | "
                    + r.get("certificate").asText() + " |"));
        } else if (latex) {
            w.print(latexTable(rows));
        } else {
            int width = rows.findValuesAsText("id").stream().mapToInt(String::length).max().orElse(5);
            rows.forEach(r -> w.println(String.format("%-" + width + "s  %-9s  %-13s %4d checks  %s", r.get("id").asText(),
                    r.get("kind").asText(), r.get("verdict").asText(), r.get("checks").asInt(), r.get("certificate").asText())));
        }
        boolean failed = false;
        for (JsonNode r : rows) {
            failed |= ClaimKind.of(r.get("kind").asText()).failure(r.get("verdict").asText());
        }
        return failed ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }

    /** The file in {@code --out} that says a prove was stopped while replacing certificates there. */
    static final String MARKER = "PROVE-INTERRUPTED.txt";

    /** Called after each certificate file is written; tests replace it to simulate a run killed between two files. */
    static java.util.function.Consumer<Path> afterEachWrite = f -> { };

    /**
     * Writes the certificates that are new or changed. A changed one is replaced only with --overwrite
     * (otherwise nothing is written: exit 2). While files are replaced, {@link #MARKER} names them and the
     * command that writes them, so that a run killed between two files leaves a directory that says it may
     * mix two runs; the marker is removed once a run has written (or found identical) every file it names.
     */
    private void writeAll(Map<Path, String> texts) {
        try {
            Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " cannot be created (" + e.getMessage()
                    + "); give a writable directory");
        }
        List<Path> changed = new ArrayList<>();
        List<Path> toWrite = new ArrayList<>();
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            byte[] now = e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] before = existing(e.getKey());
            if (before == null) {
                toWrite.add(e.getKey());
            } else if (!java.util.Arrays.equals(before, now)) {
                changed.add(e.getKey());
                toWrite.add(e.getKey());
            }
        }
        if (!changed.isEmpty() && !overwrite) {
            throw new InputError(changed.get(0), null, "holds a different certificate than this run"
                    + (changed.size() > 1 ? " (and " + (changed.size() - 1) + " more in " + out + ")" : "")
                    + "; nothing was written", "give --overwrite to replace them, or another --out");
        }
        Path marker = out.resolve(MARKER);
        java.util.Set<String> pending = new java.util.TreeSet<>(markedFiles(marker));
        java.util.Set<String> mine = new java.util.TreeSet<>();
        texts.keySet().forEach(f -> mine.add(f.getFileName().toString()));
        if (!toWrite.isEmpty()) {
            java.util.Set<String> names = new java.util.TreeSet<>(pending);
            toWrite.forEach(f -> names.add(f.getFileName().toString()));
            StringBuilder m = new StringBuilder("flatcheck prove was stopped while writing the certificates below, so this\n"
                    + "directory may hold certificates of two runs. Finish with:\n  " + commandLine(names) + "\n"
                    + "This file is removed once a run has written every file it names.\nFiles:\n");
            names.forEach(n -> m.append("  ").append(n).append('\n'));
            AtomicFile.write(marker, m.toString());
            for (Path f : toWrite) {
                AtomicFile.write(f, texts.get(f));
                afterEachWrite.accept(f);
            }
        }
        if (mine.containsAll(pending)) {
            if (!toWrite.isEmpty() || !pending.isEmpty()) {
                AtomicFile.delete(marker);
            }
        } else {
            pending.removeAll(mine);
            spec.commandLine().getErr().println("warning: " + marker + ": an earlier prove was stopped while writing; "
                    + pending.size() + " certificate(s) there, e.g. " + pending.iterator().next()
                    + ", may come from another run; rerun the command that file names");
        }
    }

    /** The bytes of an existing certificate file, or null if there is none. */
    private static byte[] existing(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new InputError(file, null, "cannot be read (" + e.getMessage() + ")", "check its permissions, or give another --out");
        }
    }

    /** The file names listed in a marker left by an interrupted run (none if there is no marker). */
    private static List<String> markedFiles(Path marker) {
        if (!Files.isRegularFile(marker)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(marker, java.nio.charset.StandardCharsets.UTF_8);
            int at = lines.indexOf("Files:");
            return at < 0 ? List.of() : lines.subList(at + 1, lines.size()).stream().map(String::strip)
                    .filter(l -> l.endsWith(".json")).toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** This run's command line, as one to repeat: the claims, the options that fix the content, --overwrite, --out. */
    private String commandLine(java.util.Set<String> files) {
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

    /** A booktabs table of the claims (ASCII only, so that pdflatex compiles it). */
    static String latexTable(ArrayNode rows) {
        StringBuilder sb = new StringBuilder("% flatcheck prove; needs \\usepackage{booktabs}\n\\begin{tabular}{llllr}\n\\toprule\nclaim & kind & source & verdict & checks \\\\\n\\midrule\n");
        for (JsonNode r : rows) {
            sb.append("\\texttt{").append(r.get("id").asText()).append("} & ").append(r.get("kind").asText()).append(" & ")
                    .append(org.flatcheck.report.AuditReport.tex(r.get("source").asText())).append(" & ")
                    .append(org.flatcheck.report.AuditReport.tex(r.get("verdict").asText()))
                    .append(" & ").append(r.get("checks").asInt()).append(" \\\\\n");
        }
        return sb.append("\\bottomrule\n\\end{tabular}\n").toString();
    }
}
