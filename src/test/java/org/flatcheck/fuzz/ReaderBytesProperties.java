package org.flatcheck.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Arbitrary bytes, and soups of the formats' own tokens, given to every reader ({@link Target}) through
 * the command line that reads it; each run keeps the CLI contract ({@link Cli#assertContract}).
 */
class ReaderBytesProperties {
    /** Tokens of the JSON and CSV formats, field names, node names and numbers in every spelling. */
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", " ", "\n", "\r\n",
            "\"layers\"", "\"weights\"", "\"biases\"", "\"inputs\"", "\"hidden\"", "\"outputs\"", "\"edges\"",
            "\"from\"", "\"to\"", "\"w\"", "\"targets\"", "\"name\"", "\"format\"", "\"checks\"", "\"networks\"",
            "\"datasets\"", "\"claim\"", "\"verdict\"", "\"x1\"", "\"h1\"", "\"y\"", "x1", "x2", "y1", "y2",
            "0", "1", "2", "-1", "\"1/2\"", "\"0.5\"", "1e999999999", "\"1e999999999\"", "1.5", "NaN", "true",
            "null", "\uFEFF", "\\u0000", "/", "/0", "e", "-", ".", "\"flatcheck-certificate/1\"", "\"HOLDS\"");

    @Property(tries = 150)
    void arbitraryBytesKeepTheContract(@ForAll Target target, @ForAll @Size(max = 300) byte[] bytes) {
        Cli.check(target, bytes);
    }

    @Property(tries = 200)
    void tokenSoupsKeepTheContract(@ForAll Target target, @ForAll("soup") String text) {
        Cli.check(target, text.getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.of(TOKENS).list().ofMaxSize(80).map(l -> String.join("", l));
    }
}
