package org.flatcheck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flatcheck.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the documentation shows flatcheck printing is what flatcheck prints: every transcript in the
 * README ({@code $ ./flatcheck …} followed by its output) is run and its lines compared with the real
 * output, and the counterexample table of proofs/measures.md is compared with the audit it names. So
 * every quoted counterexample is reproduced from its documented command; since every search is seeded
 * and counted (never timed), a mismatch is a change of behaviour, not a slow machine.
 *
 * <p>Matching: the shown lines must appear in the output in order (the output may have more lines); a
 * line starting with "…" stands for omitted lines, and "…" inside a line for omitted text. Paths under
 * {@code /tmp/} are redirected to a temporary directory, and {@code prove} writes its certificates
 * there too (never over the committed ones).
 */
class DocumentedOutputsTest {
    private static final Path README = Path.of("README.md");
    private static final Path MEASURES = Path.of("proofs/measures.md");

    @TempDir
    Path tmp;

    /** One fenced block of the README holding at least one {@code $ ./flatcheck} command. */
    record Block(int line, List<String> lines) {
        @Override
        public String toString() {
            return "README.md:" + line + " " + lines.get(0);
        }
    }

    static Stream<Block> readmeBlocks() throws IOException {
        List<String> all = Files.readAllLines(README, StandardCharsets.UTF_8);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).startsWith("```")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (end < all.size() && !all.get(end).startsWith("```")) {
                end++;
            }
            List<String> body = all.subList(start, end);
            if (!body.isEmpty() && body.get(0).startsWith("$ ./flatcheck ")) {
                blocks.add(new Block(start + 1, List.copyOf(body)));
            }
            i = end;
        }
        assertTrue(blocks.size() >= 6, "the README's transcripts were found: " + blocks.size());
        return blocks.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readmeBlocks")
    void everyReadmeTranscriptIsWhatTheCommandPrints(Block block) {
        String command = null;
        List<String> shown = new ArrayList<>();
        for (String line : block.lines()) {
            if (line.startsWith("$ ")) {
                if (command != null) {
                    check(command, shown);
                }
                command = line.substring(2);
                shown = new ArrayList<>();
            } else {
                shown.add(line);
            }
        }
        check(command, shown);
    }

    /** Runs {@code command} (as typed in the README) and checks that {@code shown} appears in its output. */
    private void check(String command, List<String> shown) {
        String dir = tmp.toString() + "/";
        List<String> words = words(command.replace("/tmp/", dir));
        assertEquals("./flatcheck", words.get(0), command);
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        boolean prove = args.get(0).equals("prove") && !args.contains("--out");
        if (prove && args.size() == 1) {
            // The full run takes minutes (the empirical claim trains 120 networks); CommittedCertificatesTest shows
            // that it writes the committed certificates, so its lines are read from them.
            checkProveTable(shown);
            return;
        }
        if (prove) {
            args.add("--out");
            args.add(dir + "certificates");
        }
        List<String> output = run(args);
        int at = 0;
        for (String expected : shown) {
            String line = prove ? expected.replace("certificates/", dir + "certificates/") : expected.replace("/tmp/", dir);
            if (line.isBlank() || line.strip().startsWith("…")) {
                continue;
            }
            Pattern p = pattern(line.stripTrailing());
            int found = -1;
            for (int k = at; k < output.size() && found < 0; k++) {
                if (p.matcher(output.get(k)).matches()) {
                    found = k;
                }
            }
            int from = at;
            assertTrue(found >= 0, () -> "README: `" + command + "` does not print, in this order,\n  " + expected
                    + "\nafter line " + from + " of its output:\n" + String.join("\n", output));
            at = found + 1;
        }
    }

    /** The README's {@code ./flatcheck prove} lines against the committed certificates, blanks collapsed. */
    private static void checkProveTable(List<String> shown) {
        List<String> expected = new ArrayList<>();
        for (org.flatcheck.claims.Claim c : org.flatcheck.claims.Claims.all()) {
            try {
                var cert = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of("certificates", c.id() + ".json").toFile());
                expected.add(String.join(" ", c.id(), cert.get("kind").asText(), cert.get("verdict").asText(),
                        Integer.toString(cert.get("checks").size()), "checks", "certificates/" + c.id() + ".json"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<String> lines = shown.stream().filter(l -> !l.isBlank()).map(l -> l.strip().replaceAll("\\s+", " ")).toList();
        assertEquals(expected, lines, "README's ./flatcheck prove table vs the committed certificates");
    }

    /** stdout, then stderr, line by line without trailing blanks. */
    private static List<String> run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Main.run(args.toArray(new String[0]), o, e);
        }
        List<String> lines = new ArrayList<>();
        (out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8)).lines()
                .map(String::stripTrailing).forEach(lines::add);
        return lines;
    }

    /** "…" inside a shown line stands for any text. */
    private static Pattern pattern(String line) {
        StringBuilder re = new StringBuilder();
        String[] parts = line.split("…", -1);
        for (int i = 0; i < parts.length; i++) {
            re.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    /** Shell words: double quotes group, {@code #} after a blank starts a comment. */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        boolean quoted = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                w = w == null ? new StringBuilder() : w;
            } else if (!quoted && c == '#' && w == null) {
                break;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        assertFalse(quoted, "unbalanced quotes in " + command);
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void wordsFollowTheShell() {
        assertEquals(List.of("./flatcheck", "classes", "--grid", "-1,0,1", "--x"),
                words("./flatcheck classes --grid \"-1,0,1\" --x   # a comment"));
        assertEquals(List.of("a", "b#c"), words("a b#c"));
    }

    private static final Pattern COMMAND = Pattern.compile("output of `(\\./flatcheck [^`]*)`");

    /**
     * proofs/measures.md's table of NOT_INVARIANT verdicts and their smallest counterexamples is the audit it
     * names, column for column, for every measure of the catalog.
     */
    @Test
    void theMeasuresCounterexampleTableIsTheAuditItNames() throws IOException {
        String doc = Files.readString(MEASURES, StandardCharsets.UTF_8);
        Matcher m = COMMAND.matcher(doc.replaceAll("\\s*\\n\\s*", " "));
        assertTrue(m.find(), "proofs/measures.md names the command behind its table");
        List<String> words = words(m.group(1));
        Map<String, List<String>> actual = table(run(words.subList(1, words.size())), 6);
        Map<String, List<String>> documented = table(doc.lines().toList(), 4);
        assertEquals(actual.keySet(), documented.keySet(), "the table lists every measure of the audit");
        for (Map.Entry<String, List<String>> row : documented.entrySet()) {
            List<String> a = actual.get(row.getKey());
            assertNotNull(a);
            // documented: verdict ×3, counterexample; audit --markdown: value, verdict ×3, counterexample, source
            assertEquals(List.of(a.get(1), a.get(2), a.get(3), a.get(4)), row.getValue(),
                    "proofs/measures.md row of " + row.getKey() + " (node, layer, permutation, counterexample)");
        }
    }

    private static final Pattern FRACTION = Pattern.compile("`(-?\\d+/\\d+)|(?<![\\w/.])(-?\\d{3,}/\\d{2,})(?![\\w/])");

    /**
     * The claims' proof pages quote their certificates' numbers: every fraction a page {@code proofs/ID.md}
     * quotes (in backticks, or with at least three digits over two) is a value in
     * {@code certificates/ID.json}, which {@code CommittedCertificatesTest} reproduces exactly from
     * {@code ./flatcheck prove ID}.
     */
    @Test
    void everyFractionAProofPageQuotesIsInItsCertificate() throws IOException {
        List<String> missing = new ArrayList<>();
        int quoted = 0;
        try (Stream<Path> pages = Files.list(Path.of("proofs"))) {
            for (Path page : pages.sorted().toList()) {
                String id = page.getFileName().toString().replaceAll("\\.md$", "");
                Path certificate = Path.of("certificates", id + ".json");
                if (!Files.exists(certificate)) {
                    continue;
                }
                String cert = Files.readString(certificate, StandardCharsets.UTF_8);
                Matcher m = FRACTION.matcher(Files.readString(page, StandardCharsets.UTF_8));
                while (m.find()) {
                    String f = m.group(1) != null ? m.group(1) : m.group(2);
                    quoted++;
                    if (!cert.contains("\"" + f + "\"")) {
                        missing.add(page + ": " + f);
                    }
                }
            }
        }
        assertTrue(quoted >= 5, "the proof pages quote their certificates: " + quoted);
        assertEquals(List.of(), missing, "fractions quoted by a proof page but absent from its certificate");
    }

    /** Markdown table rows {@code | `id` | c1 | … |}: the first {@code columns} cells after the id. */
    /**
     * docs/comparison.md's measure × symmetry table is the catalog's declared verdicts (default options), for
     * every built-in measure and no other id.
     */
    @Test
    void theComparisonTableIsTheCatalogsDeclaredVerdicts() throws IOException {
        Map<String, List<String>> documented = table(Files.readAllLines(Path.of("docs/comparison.md"), StandardCharsets.UTF_8), 3);
        org.flatcheck.measures.Catalog catalog = org.flatcheck.measures.Catalog.builtIn();
        assertEquals(catalog.ids(), List.copyOf(documented.keySet()), "docs/comparison.md lists every measure, in catalog order");
        for (org.flatcheck.measures.FlatnessMeasure m : catalog.all()) {
            List<String> marks = new ArrayList<>();
            for (org.flatcheck.symmetry.Symmetry s : org.flatcheck.symmetry.Symmetry.values()) {
                marks.add(m.verdict(s, org.flatcheck.measures.Options.DEFAULTS) == org.flatcheck.measures.Verdict.INVARIANT ? "✓" : "✗");
            }
            assertEquals(marks, documented.get(m.id()), "docs/comparison.md row of " + m.id() + " (N, L, P)");
        }
    }

    private static Map<String, List<String>> table(List<String> lines, int columns) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines) {
            String t = line.strip();
            if (!t.startsWith("| `") || !t.endsWith("|")) {
                continue;
            }
            String[] cells = t.substring(1, t.length() - 1).split("\\|", -1);
            if (cells.length < columns + 1) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                values.add(cells[i].strip());
            }
            rows.put(cells[0].strip().replace("`", ""), values);
        }
        return rows;
    }
}
