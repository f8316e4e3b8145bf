package org.flatcheck.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Coverage-guided fuzzing of every {@link ReaderFuzzTest} method with a small budget, for CI and for
 * quick local runs: Jazzer fuzzes one method per JVM, so this starts one JVM per method (three at a time, C1 only: start-up dominates),
 * each running the JUnit Platform directly (no Maven start-up per method) with {@code JAZZER_FUZZ=1}
 * and libFuzzer's {@code -runs=RUNS}. A finding fails the run and is saved under
 * {@code src/test/resources/org/flatcheck/fuzz/ReaderFuzzTestInputs/METHOD/} like any Jazzer finding.
 *
 * <p>Usage (the test classpath in {@code target/test-classpath.txt}, see {@code .ci/fuzz-smoke}):
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * org.flatcheck.fuzz.FuzzSmoke [RUNS [METHOD…]]}; the default is 2000 runs of every method.
 */
public final class FuzzSmoke {
    /**
     * A child still running after this has hung and is killed: a "finishes at all" guard far above a
     * normal child (10–20 s idle), so that a loaded CI machine never fails the smoke on speed. libFuzzer's
     * own per-input timeout (1200 s) reports a slow input as a finding first.
     */
    private static final long CHILD_SECONDS = 1800;
    /** JVMs fuzzing at once: start-up (agent, instrumentation) is most of a smoke run, and it overlaps well. */
    private static final int PARALLEL = 3;
    private static final Pattern DONE = Pattern.compile("#(\\d+)\\s+DONE\\s+cov: (\\d+) ft: (\\d+)");
    private static final Pattern SECONDS = Pattern.compile("Done (\\d+) runs in (\\d+) second");

    private FuzzSmoke() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--one")) {
            System.exit(one(args[1], args[2]));
        }
        long runs = args.length > 0 ? Long.parseLong(args[0]) : 2000;
        List<String> methods = args.length > 1 ? Arrays.asList(args).subList(1, args.length) : allMethods();
        Path logs = Files.createDirectories(Path.of("target", "fuzz-logs"));
        List<Process> running = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int status = 0;
        long start = System.nanoTime();
        for (int i = 0; i < methods.size(); i += PARALLEL) {
            running.clear();
            names.clear();
            for (String m : methods.subList(i, Math.min(i + PARALLEL, methods.size()))) {
                ProcessBuilder pb = new ProcessBuilder(javaBinary(), "-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        FuzzSmoke.class.getName(), "--one", m, Long.toString(runs));
                pb.environment().put("JAZZER_FUZZ", "1");
                pb.redirectErrorStream(true).redirectOutput(logs.resolve(m + ".log").toFile());
                running.add(pb.start());
                names.add(m);
            }
            for (int k = 0; k < running.size(); k++) {
                Process p = running.get(k);
                String m = names.get(k);
                boolean done = p.waitFor(CHILD_SECONDS, TimeUnit.SECONDS);
                if (!done) {
                    p.destroyForcibly();
                }
                String log = Files.readString(logs.resolve(m + ".log"));
                Matcher d = DONE.matcher(log);
                Matcher t = SECONDS.matcher(log);
                String stats = d.find() ? d.group(1) + " inputs" + (t.find() ? " in " + t.group(2) + " s" : "") + ", cov "
                        + d.group(2) + ", ft " + d.group(3) : "no libFuzzer summary";
                boolean right = log.contains("ReaderFuzzTestInputs" + File.separator + m);
                int code = done ? p.exitValue() : -1;
                System.out.println("fuzz " + m + ": " + (code == 0 && right ? "ok" : "FAILED") + " (" + stats
                        + (done ? "" : "; killed after " + CHILD_SECONDS + " s") + (right ? "" : "; fuzzed another method")
                        + "), log target/fuzz-logs/" + m + ".log");
                if (code != 0 || !right) {
                    status = 1;
                }
            }
        }
        System.out.println("fuzz smoke: " + methods.size() + " methods, " + runs + " runs each, "
                + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s");
        System.exit(status);
    }

    /** Fuzzes one method in this JVM; exit 0 when nothing was found. */
    private static int one(String method, String runs) {
        // Coverage and hooks (comparison tracing, sanitizers) only in flatcheck and its JSON parser: hooking
        // every JDK and JUnit class was most of each JVM's start-up.
        System.setProperty("jazzer.instrumentation_includes", "org.flatcheck.**:com.fasterxml.jackson.**");
        System.setProperty("jazzer.custom_hook_includes", "org.flatcheck.**:com.fasterxml.jackson.**");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(ReaderFuzzTest.class, method, byte[].class.getName()))
                .configurationParameter("jazzer.internal.arg.0", "fuzz-smoke")
                .configurationParameter("jazzer.internal.arg.1", "-runs=" + runs)
                .configurationParameter("jazzer.instrumentation_includes", "org.flatcheck.**:com.fasterxml.jackson.**")
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        summary.printFailuresTo(new java.io.PrintWriter(System.out, true), 30);
        System.out.println("fuzz-smoke " + method + ": " + summary.getTestsSucceededCount() + " succeeded, "
                + summary.getTotalFailureCount() + " failed, " + summary.getTestsSkippedCount() + " skipped, "
                + summary.getTestsAbortedCount() + " aborted");
        return summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() > 0 ? 0 : 1;
    }

    static List<String> allMethods() {
        List<String> out = new ArrayList<>();
        for (Method m : ReaderFuzzTest.class.getDeclaredMethods()) {
            if (m.isAnnotationPresent(FuzzTest.class)) {
                out.add(m.getName());
            }
        }
        out.sort(null);
        return out;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
