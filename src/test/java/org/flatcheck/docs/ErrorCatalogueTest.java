package org.flatcheck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/ERRORS.md stays a catalogue of every error: each main source file that raises a user-facing error
 * (an {@code InputError}, a {@code LimitExceeded}) is named there, as {@code pkg/Class}, with its messages.
 */
class ErrorCatalogueTest {
    private static final Path SOURCES = Path.of("src/main/java/org/flatcheck");
    private static final Pattern RAISES = Pattern.compile("new InputError\\(|\\bin\\.error\\(|new LimitExceeded\\(");

    @Test
    void everySourceThatRaisesUserErrorsIsInTheCatalogue() throws IOException {
        String doc = Files.readString(Path.of("docs/ERRORS.md"));
        List<String> missing;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            missing = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> RAISES.matcher(read(f)).find())
                    .map(f -> SOURCES.relativize(f).toString().replace('\\', '/').replaceAll("\\.java$", ""))
                    .filter(name -> !doc.contains("`" + name + "`"))
                    .sorted().toList();
        }
        assertEquals(List.of(), missing, "sources whose error messages docs/ERRORS.md does not list");
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
