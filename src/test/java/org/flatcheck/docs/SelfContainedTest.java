package org.flatcheck.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A cited reference implementation carries its own definitions: nothing a user reads — README, docs/,
 * proofs/, examples/, and the sources and resources under src/main (Javadoc, comments, help texts, printed
 * strings) — may point into notes outside the repository or describe what some copy of a paper did or did
 * not show. Definitions live in docs/definitions.md; sources are cited by paper and equation/theorem.
 */
class SelfContainedTest {
    /** References that point outside the repository, and notes about unreadable sources. */
    private static final List<String> FORBIDDEN = List.of("MATH §", "DESIGN §", "MATH.md", "DESIGN.md", "../shared",
            "not readable", "could be read", "could not be read", "stored copy");

    private static final List<Path> ROOTS = List.of(Path.of("README.md"), Path.of("docs"), Path.of("proofs"),
            Path.of("examples"), Path.of("certificates"), Path.of("src", "main"));

    /** Files exempt from the scan: none. */
    private static final Set<String> ALLOWED = Set.of();

    @Test
    void userVisibleTextCitesOnlyTheRepositoryAndThePapers() throws IOException {
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path root : ROOTS) {
            assertTrue(Files.exists(root), root + " exists (run from the project root)");
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(p -> !isBuildOutput(p)).sorted().toList();
            }
            for (Path file : files) {
                String name = file.toString().replace('\\', '/');
                List<String> lines = text(file);
                if (lines == null || allowed(name)) {
                    continue;
                }
                scanned++;
                for (int i = 0; i < lines.size(); i++) {
                    for (String bad : FORBIDDEN) {
                        if (lines.get(i).contains(bad)) {
                            offenders.add(name + ":" + (i + 1) + ": \"" + bad + "\": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertTrue(scanned > 100, "scanned " + scanned + " files");
        assertTrue(offenders.isEmpty(), offenders.size() + " references outside the repository or notes about what a "
                + "source showed; cite docs/definitions.md §… or the paper instead:\n" + String.join("\n", offenders));
    }

    private static boolean allowed(String name) {
        return ALLOWED.stream().anyMatch(a -> a.endsWith("/") ? name.startsWith(a) : name.equals(a));
    }

    private static boolean isBuildOutput(Path p) {
        for (Path part : p) {
            if (part.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    /** The file's lines, or null for a binary file (not UTF-8 text). */
    private static List<String> text(Path file) throws IOException {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.indexOf('\0') >= 0 ? null : s.lines().toList();
        } catch (MalformedInputException e) {
            return null;
        }
    }
}
