package org.flatcheck.claims.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The certificate vocabulary shared by the prover and the checker: every wire name of {@link QuantityKind},
 * {@link CheckKind}, {@link RelationOp} and {@link CountKind} reads back as its own constant, other text
 * reads as nothing, and the names are exactly those docs/certificates.md defines (read from its tables here,
 * independently of the enums).
 */
class VocabularyTest {
    private static final Path DOC = Path.of("docs/certificates.md");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyWireNameRoundTrips() {
        roundTrips(QuantityKind.values(), QuantityKind::wire, QuantityKind::fromWire);
        roundTrips(CheckKind.values(), CheckKind::wire, CheckKind::fromWire);
        roundTrips(RelationOp.values(), RelationOp::wire, RelationOp::fromWire);
        roundTrips(CountKind.values(), CountKind::wire, CountKind::fromWire);
    }

    @Test
    void otherTextNamesNothing() {
        for (String s : new String[] {null, "", " loss", "Loss", "LOSS", "hessian-trace", "sign test", "=", "=<", "weight"}) {
            assertEquals(Optional.empty(), QuantityKind.fromWire(s), s);
            assertEquals(Optional.empty(), CheckKind.fromWire(s), s);
            assertEquals(Optional.empty(), RelationOp.fromWire(s), s);
            assertEquals(Optional.empty(), CountKind.fromWire(s), s);
        }
    }

    @Test
    void quantityNamesAreThoseOfTheFormatsQuantityTable() throws IOException {
        assertEquals(firstColumn(table("| `q` | fields | value |")), names(QuantityKind.values(), QuantityKind::wire),
                "docs/certificates.md §4 and QuantityKind");
    }

    @Test
    void checkNamesAreThoseOfTheFormatsCheckTable() throws IOException {
        assertEquals(firstColumn(table("| check | fields | states |")), names(CheckKind.values(), CheckKind::wire),
                "docs/certificates.md §3 and CheckKind");
    }

    @Test
    void operatorsAndCountsAreThoseTheFormatLists() throws IOException {
        String relation = row(table("| check | fields | states |"), "relation");
        String ops = relation.substring(relation.indexOf('∈'), relation.indexOf(". "));
        assertEquals(codes(ops), names(RelationOp.values(), RelationOp::wire), "the ops of a relation");
        String count = row(table("| `q` | fields | value |"), "count");
        String value = count.substring(count.lastIndexOf(" | ", count.length() - 3));
        assertEquals(codes(value), names(CountKind.values(), CountKind::wire), "what a count counts");
    }

    private static <E> void roundTrips(E[] values, Function<E, String> wire, Function<String, Optional<E>> fromWire) {
        Set<String> seen = new LinkedHashSet<>();
        for (E e : values) {
            assertEquals(Optional.of(e), fromWire.apply(wire.apply(e)), e.toString());
            assertTrue(seen.add(wire.apply(e)), "one name per constant: " + wire.apply(e));
        }
    }

    private static <E> Set<String> names(E[] values, Function<E, String> wire) {
        return Arrays.stream(values).map(wire).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The body rows of the Markdown table whose header line is {@code header}. */
    private static List<String> table(String header) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf(header);
        assertTrue(start >= 0, "docs/certificates.md has a table headed " + header);
        List<String> rows = new ArrayList<>();
        for (int i = start + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static Set<String> firstColumn(List<String> rows) {
        Set<String> out = new LinkedHashSet<>();
        for (String r : rows) {
            Matcher m = CODE.matcher(r.substring(0, r.indexOf(" | ")));
            assertTrue(m.find(), "a name in the first column of " + r);
            out.add(m.group(1));
        }
        return out;
    }

    private static String row(List<String> rows, String name) {
        return rows.stream().filter(r -> r.startsWith("| `" + name + "` |")).findFirst().orElseThrow();
    }

    private static Set<String> codes(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
