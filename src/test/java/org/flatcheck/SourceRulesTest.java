package org.flatcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules that keep results independent of the machine, checked on the sources themselves:
 * <ul>
 *   <li>no clock in the code that computes results: {@code System.nanoTime}/{@code currentTimeMillis}/
 *       {@code Instant.now} only where a clock is the point (progress messages on stderr, {@code prove
 *       --timings} on stderr);</li>
 *   <li>no {@code Math.exp}, {@code Math.log}, {@code Math.pow} and their kin: the JVM may compute them
 *       differently on different processors, so a numeric seed, a witness or a plotted point could differ
 *       between machines; {@code StrictMath} is the same everywhere ({@code sqrt}, {@code abs},
 *       {@code round}, {@code scalb} are exact and stay in {@code Math}).</li>
 * </ul>
 */
class SourceRulesTest {
    private static final Path MAIN = Path.of("src/main/java/org/flatcheck");
    private static final Pattern CLOCK = Pattern.compile("System\\.nanoTime|System\\.currentTimeMillis|Instant\\.now|LocalDate(Time)?\\.now");
    private static final Set<String> CLOCK_ALLOWED = Set.of("cli/Progress.java", "cli/ProveCommand.java");
    private static final Pattern TRANSCENDENTAL = Pattern.compile(
            "(?<![A-Za-z.])Math\\.(exp|expm1|log|log10|log1p|pow|sin|cos|tan|asin|acos|atan|atan2|sinh|cosh|tanh|cbrt|hypot)\\(");

    @Test
    void noClockOutsideProgressAndTimings() {
        assertEquals(List.of(), offenders(MAIN, CLOCK, CLOCK_ALLOWED), "clock reads in result-computing code");
    }

    private static final Path TEST = Path.of("src/test/java/org/flatcheck");
    private static final Pattern TIMED = Pattern.compile(
            "System\\.nanoTime|System\\.currentTimeMillis|Instant\\.now|assertTimeout|@Timeout|Thread\\.sleep");

    /**
     * No test measures time, so none can fail on a busy machine: the fuzz smoke only reports its duration,
     * and the JMH benchmarks under {@code bench/} are timings by design (not run by {@code mvn verify}).
     */
    @Test
    void noTestReadsTheClock() {
        assertEquals(List.of(), offenders(TEST, TIMED, Set.of("fuzz/FuzzSmoke.java", "bench/HessianBenchmark.java",
                "SourceRulesTest.java")), "tests that time, sleep or set time limits");
    }

    @Test
    void transcendentalFunctionsAreStrict() {
        assertEquals(List.of(), offenders(MAIN, TRANSCENDENTAL, Set.of()), "use StrictMath: Math may differ between machines");
    }

    private static List<String> offenders(Path root, Pattern p, Set<String> allowed) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = root.relativize(f).toString().replace('\\', '/');
                if (allowed.contains(name)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = p.matcher(lines.get(i));
                    if (m.find()) {
                        out.add(name + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
