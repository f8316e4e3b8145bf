package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The options shared through mixins keep each command's own wording and checks: help texts of the common
 * wording and of a command's own (OptionTexts.properties), one output format out of --json/--markdown/--latex,
 * and the message of a value picocli converts (--direction) as the command always printed it.
 */
class SharedOptionsTest {
    private static final String NET = "examples/xor.json";
    private static final String DATA = "examples/xor-data.json";

    @Test
    void sharedOptionsKeepEachCommandsWording() {
        String hessian = CliRun.of("hessian", "--help").out();
        assertTrue(hessian.contains("Network file (layered or DAG JSON)."), hessian);
        assertTrue(hessian.contains("Machine-readable JSON on stdout."), hessian);
        assertTrue(hessian.contains("parameters (default 3000):\n" + " ".repeat(26) + "their cost grows like P³"), hessian);
        String paths = CliRun.of("paths", "--help").out();
        assertTrue(paths.contains("--net=FILE          Network file."), paths);
        assertTrue(paths.contains("--json              JSON on stdout."), paths);
        String audit = CliRun.of("audit", "--help").out();
        assertTrue(audit.contains("A LaTeX table (booktabs, amssymb) on stdout"), audit);
        assertTrue(audit.contains("Skip measures that need the exact Hessian when it is"), audit);
        assertTrue(CliRun.of("prove", "--help").out().contains("A LaTeX table (booktabs) on stdout."));
        assertTrue(CliRun.of("bounds", "--help").out().contains("Training set (n = its number of points)."));
        assertTrue(CliRun.of("plot", "slice", "--help").out().contains("Dataset file."));
    }

    @Test
    void atMostOneTableFormat() {
        for (String[] flags : new String[][] {{"--json", "--markdown"}, {"--markdown", "--latex"}, {"--latex", "--json"}}) {
            CliRun run = CliRun.of("audit", "--net", NET, "--data", DATA, flags[0], flags[1]);
            assertEquals(ExitCode.BAD_INPUT, run.code(), run::toString);
            assertEquals("error: choose one of --json, --markdown and --latex\nsee 'flatcheck audit --help'\n",
                    run.err().replace(System.lineSeparator(), "\n"));
            assertTrue(run.out().isEmpty(), run.out());
        }
        CliRun markdown = CliRun.of("audit", "--net", NET, "--data", DATA, "--markdown", "--tries", "0", "--search-tries", "0");
        assertTrue(markdown.out().startsWith("|"), markdown.out());
    }

    @Test
    void anUnknownSliceDirectionIsRefusedInTheCommandsWords() {
        CliRun run = CliRun.of("plot", "slice", "--net", NET, "--data", DATA, "-o", "unused.svg", "--direction", "random,Filter");
        assertEquals(ExitCode.BAD_INPUT, run.code(), run::toString);
        assertTrue(run.err().startsWith("error: --direction: unknown kind \"Filter\"; use random, filter or basis"), run.err());
        assertFalse(run.err().contains("Invalid value"), run.err());
    }
}
