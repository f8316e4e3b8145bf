package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input contract of docs/ARCHITECTURE.md §5, end to end through {@link Main#run}: a mistake in an input
 * file gets exit code 2, nothing on stdout, and exactly one line on stderr that names the file, the
 * offending field and a fix, with no stack trace and no parser internals. A picocli usage error may
 * add a second line (the {@code --help} hint). A kink is not bad input: it exits 3.
 */
class BadInputTest {

    /** XOR as a 2-2-1 net without kinks on {0,1}²; the valid partner of every bad dataset below. */
    private static final String NET = "{'layers': [2, 2, 1],"
            + " 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]],"
            + " 'biases': [['-1/2', '-3/2'], ['0']]}";

    /** The four XOR points; the valid partner of every bad network below. */
    private static final String DATA = "{'inputs': [['0', '0'], ['0', '1'], ['1', '0'], ['1', '1']],"
            + " 'targets': [['0'], ['1'], ['1'], ['0']]}";

    /** A DAG with two hidden nodes, without its edges; cases append them. */
    private static final String DAG = "{'inputs': ['x1', 'x2'], 'hidden': ['h1', 'h2'], 'outputs': ['y'], ";

    @TempDir
    Path dir;

    private static List<String> errLines(CliRun r) {
        return r.err().lines().toList();
    }

    /** Writes text as UTF-8; JSON here is spelled with ' for " to stay readable, so ' becomes ". */
    private Path write(String name, String content) throws IOException {
        return write(name, content.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    private CliRun hessian(Path net, Path data) {
        return CliRun.of("hessian", "--net", net.toString(), "--data", data.toString());
    }

    /** The one-line contract; {@code field} may be null when the whole file is at fault. */
    private static void assertBadInput(CliRun r, String fileName, String field) {
        assertEquals(ExitCode.BAD_INPUT, r.code(), () -> "exit code 2 expected\n" + r);
        assertEquals("", r.out(), () -> "stdout must stay empty\n" + r);
        List<String> lines = errLines(r);
        assertEquals(1, lines.size(), () -> "exactly one line on stderr expected\n" + r);
        String line = lines.get(0);
        assertTrue(line.contains(fileName), () -> "message must name the file " + fileName + "\n" + r);
        if (field != null) {
            assertTrue(line.contains(field), () -> "message must name the field " + field + "\n" + r);
        }
        assertTrue(line.matches(".*;\\s*\\S.*"), () -> "message must end with '; fix'\n" + r);
        assertClean(r);
    }

    /** No stack trace and no text addressed to the programmer of a library rather than the user. */
    private static void assertClean(CliRun r) {
        String all = r.out() + r.err();
        assertFalse(all.contains("Exception"), () -> "no exception names\n" + r);
        assertFalse(all.contains("\tat "), () -> "no stack trace\n" + r);
        String lower = all.toLowerCase(Locale.ROOT);
        for (String internal : List.of("fasterxml", "jackson", "feature", "redacted", "source:", "java.", "`")) {
            assertFalse(lower.contains(internal), () -> "no parser internals ('" + internal + "')\n" + r);
        }
    }

    /** A layered 2-2-1 network whose weights[0][0][1] is the raw JSON {@code value}. */
    private static String layeredWith(String value) {
        return "{'layers': [2, 2, 1], 'weights': [[['1', " + value + "], ['1', '1']], [['2', '-6']]],"
                + " 'biases': [['-1/2', '-3/2'], ['0']]}";
    }

    private static String edge(String from, String to) {
        return "{'from': '" + from + "', 'to': '" + to + "', 'w': '1'}";
    }

    private static String dag(String... edges) {
        return DAG + "'edges': [" + String.join(", ", edges) + "]}";
    }

    static Stream<Arguments> badNetworks() {
        return Stream.of(
                // malformed JSON
                Arguments.of("syntax-error", "{'layers': [2, 2, 1],, 'weights': []}", null),
                Arguments.of("truncated", "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1'", null),
                Arguments.of("empty-file", "", null),
                Arguments.of("whitespace-only", "  \n\n ", null),
                Arguments.of("top-level-array", "[[2, 2, 1]]", null),
                Arguments.of("top-level-string", "'layers'", null),
                Arguments.of("trailing-garbage", NET + " {}", null),
                Arguments.of("comment", "{'layers': [2, 2, 1], // sizes\n 'weights': []}", null),
                Arguments.of("nan-literal", layeredWith("NaN"), null),
                Arguments.of("duplicate-key", "{'layers': [2, 2, 1], 'layers': [2, 2, 1], 'weights': []}", "layers"),
                // numbers that are not exact rationals
                Arguments.of("number-abc", layeredWith("'abc'"), "weights[0][0][1]"),
                Arguments.of("number-zero-denominator", layeredWith("'1/0'"), "weights[0][0][1]"),
                Arguments.of("number-nan-string", layeredWith("'NaN'"), "weights[0][0][1]"),
                Arguments.of("number-infinity-string", layeredWith("'Infinity'"), "weights[0][0][1]"),
                Arguments.of("number-huge-exponent-string", layeredWith("'1e999999999'"), "weights[0][0][1]"),
                Arguments.of("number-empty-string", layeredWith("''"), "weights[0][0][1]"),
                Arguments.of("number-negative-denominator", layeredWith("'1/-2'"), "weights[0][0][1]"),
                Arguments.of("number-null", layeredWith("null"), "weights[0][0][1]"),
                Arguments.of("number-boolean", layeredWith("true"), "weights[0][0][1]"),
                Arguments.of("json-number-not-integral", layeredWith("0.5"), "weights[0][0][1]"),
                // layer sizes
                Arguments.of("layers-one-entry", "{'layers': [2], 'weights': []}", "layers"),
                Arguments.of("layers-zero-size", "{'layers': [2, 0, 1], 'weights': [[], [[]]]}", "layers[1]"),
                Arguments.of("layers-string-size", "{'layers': [2, '2', 1], 'weights': []}", "layers[1]"),
                Arguments.of("layers-fractional-size", "{'layers': [2, 2.5, 1], 'weights': []}", "layers[1]"),
                Arguments.of("layers-not-array", "{'layers': 3, 'weights': []}", "layers"),
                // mis-sized weights and biases
                Arguments.of("weights-missing-row",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1']], [['2', '-6']]]}", "weights[0]"),
                Arguments.of("weights-ragged-row",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1']], [['2', '-6']]]}",
                        "weights[0][1]"),
                Arguments.of("weights-extra-entry",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6', '7']]]}",
                        "weights[1][0]"),
                Arguments.of("weights-missing-layer",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']]]}", "weights"),
                Arguments.of("weights-row-not-array",
                        "{'layers': [2, 2, 1], 'weights': [['11', ['1', '1']], [['2', '-6']]]}",
                        "weights[0][0]"),
                Arguments.of("biases-short-vector",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]],"
                                + " 'biases': [['-1/2'], ['0']]}", "biases[0]"),
                Arguments.of("biases-missing-layer",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]],"
                                + " 'biases': [['-1/2', '-3/2']]}", "biases"),
                Arguments.of("biases-bad-entry",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]],"
                                + " 'biases': [['-1/2', 'x'], ['0']]}", "biases[0][1]"),
                // missing and unknown fields
                Arguments.of("weights-missing", "{'layers': [2, 2, 1]}", "weights"),
                Arguments.of("layers-missing", "{'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]]}",
                        "layers"),
                Arguments.of("unknown-field-bias",
                        "{'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]],"
                                + " 'bias': [['-1/2', '-3/2'], ['0']]}", "bias"),
                Arguments.of("name-not-string",
                        "{'name': 3, 'layers': [2, 2, 1], 'weights': [[['1', '1'], ['1', '1']], [['2', '-6']]]}",
                        "name"),
                // DAG structure
                Arguments.of("dag-cycle", dag(edge("x1", "h1"), edge("h1", "h2"), edge("h2", "h1"), edge("h2", "y")),
                        "edges"),
                Arguments.of("dag-self-loop", dag(edge("x1", "h1"), edge("h1", "h1"), edge("h1", "y")), "edges"),
                Arguments.of("dag-edge-from-output", dag(edge("x1", "h1"), edge("h1", "y"), edge("y", "h2")),
                        "edges[2].from"),
                Arguments.of("dag-edge-into-input", dag(edge("x1", "h1"), edge("h1", "y"), edge("h1", "x2")),
                        "edges[2].to"),
                Arguments.of("dag-duplicate-edge", dag(edge("x1", "h1"), edge("h1", "y"), edge("x1", "h1")),
                        "edges[2]"),
                Arguments.of("dag-unknown-from", dag(edge("x1", "h1"), edge("h9", "y")), "edges[1].from"),
                Arguments.of("dag-unknown-to", dag(edge("x1", "h1"), edge("h1", "z")), "edges[1].to"),
                Arguments.of("dag-missing-weight",
                        DAG + "'edges': [{'from': 'x1', 'to': 'h1'}]}", "edges[0].w"),
                Arguments.of("dag-edge-typo-weight",
                        DAG + "'edges': [{'from': 'x1', 'to': 'h1', 'weight': '1'}]}", "edges[0].weight"),
                Arguments.of("dag-edge-not-object", DAG + "'edges': [['x1', 'h1', '1']]}", "edges[0]"),
                Arguments.of("dag-bad-weight",
                        DAG + "'edges': [{'from': 'x1', 'to': 'h1', 'w': '1/0'}]}", "edges[0].w"),
                Arguments.of("dag-bias-unknown-node",
                        DAG + "'edges': [" + edge("x1", "h1") + "], 'biases': {'h7': '1'}}", "biases.h7"),
                Arguments.of("dag-bias-on-input",
                        DAG + "'edges': [" + edge("x1", "h1") + "], 'biases': {'x1': '1'}}", "biases.x1"),
                Arguments.of("dag-bias-bad-value",
                        DAG + "'edges': [" + edge("x1", "h1") + "], 'biases': {'h1': 'abc'}}", "biases.h1"),
                Arguments.of("dag-duplicate-name",
                        "{'inputs': ['x1', 'x2'], 'hidden': ['x1'], 'outputs': ['y'], 'edges': []}",
                        "hidden[0]"),
                Arguments.of("dag-no-outputs", "{'inputs': ['x1'], 'edges': []}", "outputs"),
                Arguments.of("dag-empty-inputs", "{'inputs': [], 'outputs': ['y'], 'edges': []}", "inputs"),
                Arguments.of("dag-unknown-field", DAG + "'edges': [], 'outputz': []}", "outputz"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNetworks")
    void badNetworkFileGetsOneLineNamingFileFieldAndFix(String label, String json, String field) throws IOException {
        Path net = write(label + ".json", json);
        Path data = write("data.json", DATA);
        assertBadInput(hessian(net, data), label + ".json", field);
    }

    static Stream<Arguments> badJsonDatasets() {
        return Stream.of(
                Arguments.of("d-syntax-error", "{'inputs': [['0', '0']] 'targets': [['0']]}", null),
                Arguments.of("d-empty-file", "", null),
                Arguments.of("d-top-level-array", "[['0', '0', '0']]", null),
                Arguments.of("d-empty-inputs", "{'inputs': [], 'targets': []}", "inputs"),
                Arguments.of("d-empty-row", "{'inputs': [[]], 'targets': [['0']]}", "inputs[0]"),
                Arguments.of("d-ragged-inputs", "{'inputs': [['0', '0'], ['1']], 'targets': [['0'], ['1']]}",
                        "inputs[1]"),
                Arguments.of("d-ragged-targets",
                        "{'inputs': [['0', '0'], ['1', '1']], 'targets': [['0'], ['1', '2']]}",
                        "targets[1]"),
                Arguments.of("d-row-count-mismatch",
                        "{'inputs': [['0', '0'], ['1', '1']], 'targets': [['0']]}", "targets"),
                Arguments.of("d-input-width-mismatch", "{'inputs': [['0', '0', '0']], 'targets': [['0']]}",
                        "inputs"),
                Arguments.of("d-target-width-mismatch", "{'inputs': [['0', '0']], 'targets': [['0', '1']]}",
                        "targets"),
                Arguments.of("d-missing-targets", "{'inputs': [['0', '0']]}", "targets"),
                Arguments.of("d-unknown-field-target", "{'inputs': [['0', '0']], 'target': [['0']]}", "target"),
                Arguments.of("d-bad-number", "{'inputs': [['0', 'NaN']], 'targets': [['0']]}", "inputs[0][1]"),
                Arguments.of("d-non-integral-json-number", "{'inputs': [['0', 0.1]], 'targets': [['0']]}",
                        "inputs[0][1]"),
                Arguments.of("d-row-not-array", "{'inputs': ['0', '0'], 'targets': [['0']]}", "inputs[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badJsonDatasets")
    void badJsonDatasetGetsOneLineNamingFileFieldAndFix(String label, String json, String field) throws IOException {
        Path net = write("net.json", NET);
        Path data = write(label + ".json", json);
        assertBadInput(hessian(net, data), label + ".json", field);
    }

    static Stream<Arguments> badCsvDatasets() {
        return Stream.of(
                Arguments.of("c-empty-file", "", null),
                Arguments.of("c-header-only", "x1,x2,y1\n", null),
                Arguments.of("c-bad-header", "x1,x3,y1\n0,0,0\n", "line 1"),
                Arguments.of("c-header-no-targets", "x1,x2\n0,0\n", "line 1"),
                Arguments.of("c-header-uppercase", "X1,X2,Y1\n0,0,0\n", "line 1"),
                Arguments.of("c-header-semicolons", "x1;x2;y1\n0;0;0\n", "line 1"),
                Arguments.of("c-bad-cell", "x1,x2,y1\n0,0,0\n1,abc,1\n", "line 3"),
                Arguments.of("c-zero-denominator", "x1,x2,y1\n0,0,0\n1,1/0,1\n", "line 3"),
                Arguments.of("c-empty-cell", "x1,x2,y1\n0,0,\n", "line 2"),
                Arguments.of("c-ragged-row", "x1,x2,y1\n0,0,0\n1,1\n", "line 3"),
                Arguments.of("c-too-many-cells", "x1,x2,y1\n0,0,0,0\n", "line 2"),
                Arguments.of("c-input-width-mismatch", "x1,x2,x3,y1\n0,0,0,0\n", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCsvDatasets")
    void badCsvDatasetGetsOneLineNamingFileLineAndFix(String label, String csv, String field) throws IOException {
        Path net = write("net.json", NET);
        Path data = write(label + ".csv", csv);
        assertBadInput(hessian(net, data), label + ".csv", field);
    }

    @Test
    void csvThatIsNotUtf8IsBadInput() throws IOException {
        Path net = write("net.json", NET);
        Path data = write("latin1.csv", new byte[] {'x', '1', ',', 'x', '2', ',', 'y', '1', '\n',
            '0', ',', '0', ',', (byte) 0xe9, '\n'});
        assertBadInput(hessian(net, data), "latin1.csv", null);
    }

    @Test
    void jsonThatIsNotUtf8IsBadInput() throws IOException {
        Path net = write("net.json", NET);
        byte[] text = "{'name': 'caf?', 'inputs': [['0', '0']], 'targets': [['0']]}".replace('\'', '"')
                .getBytes(StandardCharsets.US_ASCII);
        text[13] = (byte) 0xe9;
        assertBadInput(hessian(net, write("latin1.json", text)), "latin1.json", null);
    }

    /**
     * An unquoted JSON number such as {@code 1e999999999} is an integer, just too large to build; the
     * message must say so (a limit) rather than call it "not an integer".
     */
    @Test
    void hugeIntegralJsonNumberIsRefusedForItsSizeNotAsNonInteger() throws IOException {
        Path net = write("huge-json-number.json", layeredWith("1e999999999"));
        CliRun r = hessian(net, write("data.json", DATA));
        assertBadInput(r, "huge-json-number.json", "weights[0][0][1]");
        assertFalse(r.err().contains("not an integer"), () -> "1e999999999 is an integer; say it is too large\n" + r);
    }

    /**
     * Spreadsheet programs save "CSV UTF-8" with a byte-order mark. Either read it (the JSON reader
     * already does) or say what is wrong; an invisible character in {@code header cell "\uFEFFx1"
     * should be "x1"} is not a usable message.
     */
    @Test
    void csvWithByteOrderMarkIsReadOrNamedClearly() throws IOException {
        Path net = write("net.json", NET);
        Path data = write("excel-export.csv", "\uFEFFx1,x2,y1\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
        CliRun r = hessian(net, data);
        if (r.code() == ExitCode.OK) {
            assertEquals("", r.err(), r::toString);
            assertTrue(r.out().contains("loss"), r::toString);
        } else {
            assertBadInput(r, "excel-export.csv", "line 1");
            String lower = r.err().toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("bom") || lower.contains("byte order mark") || lower.contains("byte-order mark"),
                    () -> "a refused BOM must be named as such\n" + r);
        }
    }

    @Test
    void missingNetworkFileIsBadInput() throws IOException {
        CliRun r = hessian(dir.resolve("no-such-net.json"), write("data.json", DATA));
        assertBadInput(r, "no-such-net.json", null);
    }

    @Test
    void missingDataFileIsBadInput() throws IOException {
        CliRun r = hessian(write("net.json", NET), dir.resolve("no-such-data.csv"));
        assertBadInput(r, "no-such-data.csv", null);
    }

    @Test
    void directoryInsteadOfNetworkFileIsBadInput() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("a-directory.json"));
        assertBadInput(hessian(sub, write("data.json", DATA)), "a-directory.json", null);
    }

    @Test
    void directoryInsteadOfCsvFileIsBadInput() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("a-directory.csv"));
        assertBadInput(hessian(write("net.json", NET), sub), "a-directory.csv", null);
    }

    /**
     * {@code --net ""} resolves to the working directory, and the file name in the message is empty
     * ({@code error: : is a directory}); the message must say that the {@code --net} path is empty.
     */
    @Test
    void emptyPathNamesTheOptionOrSaysItIsEmpty() throws IOException {
        CliRun r = CliRun.of("hessian", "--net", "", "--data", write("data.json", DATA).toString());
        assertEquals(ExitCode.BAD_INPUT, r.code(), () -> "exit code 2 expected\n" + r);
        assertEquals("", r.out(), () -> "stdout must stay empty\n" + r);
        List<String> lines = errLines(r);
        assertTrue(lines.size() >= 1 && lines.size() <= 2, () -> "one or two lines on stderr expected\n" + r);
        assertTrue(lines.get(0).contains("--net") || lines.get(0).contains("empty"),
                () -> "message must name --net or say the path is empty\n" + r);
        assertClean(r);
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("missing --data", List.of("hessian", "--net", "net.json"), "--data"),
                Arguments.of("missing --net", List.of("hessian", "--data", "data.json"), "--net"),
                Arguments.of("--net without value", List.of("hessian", "--net"), "--net"),
                Arguments.of("unknown option", List.of("hessian", "--net", "n", "--data", "d", "--bogus"), "--bogus"),
                Arguments.of("--digits not an int", List.of("hessian", "--net", "n", "--data", "d", "--digits", "x"),
                        "--digits"),
                Arguments.of("no subcommand", List.of(), "command"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorIsExit2WithAtMostTwoLines(String label, List<String> args, String mention) {
        assertUsageError(CliRun.of(args.toArray(String[]::new)), mention);
    }

    @Test
    void digitsOutOfRangeIsAUsageError() throws IOException {
        Path net = write("net.json", NET);
        Path data = write("data.json", DATA);
        CliRun r = CliRun.of("hessian", "--net", net.toString(), "--data", data.toString(), "--digits", "0");
        assertUsageError(r, "--digits");
    }

    @Test
    void nonPositiveSpectrumLimitIsAUsageError() throws IOException {
        Path net = write("net.json", NET);
        Path data = write("data.json", DATA);
        for (String limit : new String[] {"0", "-5"}) {
            assertUsageError(CliRun.of("hessian", "--net", net.toString(), "--data", data.toString(),
                    "--max-spectrum-params", limit), "--max-spectrum-params");
        }
    }

    private static void assertUsageError(CliRun r, String mention) {
        assertEquals(ExitCode.BAD_INPUT, r.code(), () -> "exit code 2 expected\n" + r);
        assertEquals("", r.out(), () -> "stdout must stay empty\n" + r);
        List<String> lines = errLines(r);
        assertTrue(lines.size() >= 1 && lines.size() <= 2, () -> "one or two lines on stderr expected\n" + r);
        assertTrue(lines.get(0).contains(mention), () -> "message must mention " + mention + "\n" + r);
        assertClean(r);
    }

    /** docs/ARCHITECTURE.md §4's own example (all biases 0) puts h1_0 exactly at 0 on x = (0, 0): a kink, exit 3. */
    @Test
    void kinkIsExit3WithOneLineNamingNodeAndPoint() throws IOException {
        Path net = write("kinked.json", "{'layers': [2, 2, 1], 'weights': [[['1', '-1'], ['-1', '1']],"
                + " [['1', '1']]], 'biases': [['0', '0'], ['0']]}");
        CliRun r = hessian(net, write("data.json", DATA));
        assertEquals(ExitCode.UNDEFINED, r.code(), r::toString);
        assertEquals(1, errLines(r).size(), r::toString);
        String line = errLines(r).get(0);
        assertTrue(line.contains("kink") && line.contains("h1_0") && line.contains("point 0"), r::toString);
        assertClean(r);
    }

    /**
     * {@code hessian --json} at a kink prints a JSON object (exit 3) with the loss, the named site, every
     * vanishing pre-activation ({@code kink_sites}) and the reason, which is also the one line on stderr:
     * x = (0, 0) without biases puts both hidden units at 0, and neither is said to be the only one.
     */
    @Test
    void kinkJsonListsEverySite() throws IOException {
        Path net = write("origin.json", "{'layers': [2, 2, 1], 'weights': [[['1', '-1'], ['-1', '2']], [['1', '1']]]}");
        Path data = write("origin-data.json", "{'inputs': [['1', '3'], ['0', '0']], 'targets': [['2'], ['1']]}");
        CliRun r = CliRun.of("hessian", "--net", net.toString(), "--data", data.toString(), "--json");
        assertEquals(ExitCode.UNDEFINED, r.code(), r::toString);
        com.fasterxml.jackson.databind.JsonNode o = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertTrue(o.get("kink").asBoolean());
        // f(1, 3) = relu(−2) + relu(5) = 5 against 2, f(0, 0) = 0 against 1: (9 + 1)/2
        assertEquals("5", o.get("loss").asText());
        assertEquals(1, o.get("kink_point").asInt());
        assertEquals("h1_0", o.get("kink_node").asText());
        assertEquals("[{\"point\":1,\"node\":\"h1_0\"},{\"point\":1,\"node\":\"h1_1\"}]", o.get("kink_sites").toString());
        String reason = o.get("reason").asText();
        assertFalse(reason.contains("no other pre-activation is 0"), reason);
        assertTrue(reason.contains("h1_1 on data point 1") && reason.contains("polynomial"), reason);
        assertEquals(List.of(reason), errLines(r), "stderr is the reason, one line");
        CliRun example = CliRun.of("hessian", "--net", "examples/kink-2-2-1.json", "--data", "examples/kink-2-2-1-data.json", "--json");
        com.fasterxml.jackson.databind.JsonNode e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(example.out());
        assertEquals("[{\"point\":1,\"node\":\"h1_0\"}]", e.get("kink_sites").toString(), example::toString);
        assertTrue(e.get("reason").asText().contains("not differentiable at θ"), example::toString);
    }

    /** The harness itself: valid inputs pass, so the failures above are about the inputs. */
    @Test
    void validLayeredAndDagInputsSucceed() throws IOException {
        CliRun layered = hessian(write("net.json", NET), write("data.csv", "x1,x2,y1\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"));
        assertEquals(ExitCode.OK, layered.code(), layered::toString);
        assertEquals("", layered.err(), layered::toString);
        assertTrue(layered.out().contains("loss"), layered::toString);

        Path dag = write("dag.json", DAG.replace("'h1', 'h2'", "'h1'") + "'edges': [" + edge("x1", "h1")
                + ", " + edge("x2", "h1") + ", " + edge("h1", "y") + ", " + edge("x1", "y")
                + "], 'biases': {'h1': '1/2', 'y': '0'}}");
        CliRun r = hessian(dag, write("data.json", DATA));
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
    }
}
