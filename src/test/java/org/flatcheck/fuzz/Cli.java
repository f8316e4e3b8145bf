package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.flatcheck.cli.Main;

/**
 * The CLI contract of the issue "Hostile input and limits", checked end to end through {@link Main#run}
 * in-process: exit 0, 2, 3 or 4 (1 only where a check may fail), at most three lines on stderr, no
 * exception names or stack frames anywhere, nothing new in the input's directory, and done within
 * {@link #MAX_MILLIS}.
 */
final class Cli {
    /** The time a run on hostile input may take. */
    static final long MAX_MILLIS = 5_000;
    /** A run still going after this is reported as a hang (and abandoned). */
    static final long HANG_MILLIS = 30_000;
    /** With the environment variable FUZZ_TRACE set, every run prints its target, exit code, time and first error line. */
    private static final boolean TRACE = System.getenv("FUZZ_TRACE") != null;

    record Run(String[] args, int code, String out, String err, long millis) {
        @Override
        public String toString() {
            return "flatcheck " + String.join(" ", args) + "\nexit " + code + " after " + millis + " ms\nstdout: "
                    + clip(out) + "\nstderr: " + clip(err);
        }
    }

    private Cli() {
    }

    static String clip(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) + "…[" + s.length() + " chars]" : s;
    }

    /** Runs the command line in a thread of its own, so a hang fails the test instead of stalling it. */
    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] code = {-1};
        Throwable[] escaped = {null};
        long start = System.nanoTime();
        Thread t = new Thread(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code[0] = Main.run(args, o, e);
            } catch (Throwable x) {
                escaped[0] = x;
            }
        }, "flatcheck-fuzz-run");
        t.setDaemon(true);
        t.start();
        try {
            t.join(HANG_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (t.isAlive()) {
            t.interrupt();
            fail("hang: no exit after " + HANG_MILLIS + " ms: flatcheck " + clip(String.join(" ", args)));
        }
        if (escaped[0] != null) {
            throw new AssertionError("Main.run threw instead of returning an exit code: flatcheck "
                    + clip(String.join(" ", args)), escaped[0]);
        }
        return new Run(args, code[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), millis);
    }

    /** Asserts the contract for a run whose inputs are in {@code dir}, which held exactly {@code before}. */
    static void assertContract(Run r, boolean checks, Path dir, List<String> before) {
        Set<Integer> allowed = checks ? Set.of(0, 1, 2, 3, 4) : Set.of(0, 2, 3, 4);
        assertTrue(allowed.contains(r.code()), () -> "exit code must be one of " + allowed + "\n" + r);
        long lines = r.err().lines().count();
        assertTrue(lines <= 3, () -> "at most three lines on stderr\n" + r);
        String all = r.out() + r.err();
        for (String bad : List.of("Exception", "\tat ", "at org.", "at java.", "at com.", "internal error")) {
            assertTrue(!all.contains(bad), () -> "no \"" + bad.strip() + "\" in the output\n" + r);
        }
        if (r.code() >= 2) {
            assertTrue(!r.err().isBlank(), () -> "a failing run says why on stderr\n" + r);
        }
        assertTrue(r.millis() < MAX_MILLIS, () -> "done within " + MAX_MILLIS + " ms\n" + r);
        if (dir != null) {
            assertEquals(before, Files0.listing(dir), () -> "no files left behind\n" + r);
        }
    }

    /**
     * Writes {@code bytes} as the input of {@code t} (a fresh directory), runs {@code command} on it and
     * asserts the contract; returns the run.
     */
    static Run check(Target t, byte[] bytes, Function<Path, String[]> command, boolean checks) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flatcheck-fuzz");
            Path file = dir.resolve("input" + t.suffix);
            Files.write(file, bytes);
            List<String> before = Files0.listing(dir);
            Run r = run(command.apply(file));
            if (TRACE) {
                System.err.println("TRACE " + t + " exit " + r.code() + " " + r.millis() + "ms " + r.err().lines().findFirst().orElse(""));
            }
            assertContract(r, checks, dir, before);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Files0.deleteTree(dir);
        }
    }

    static Run check(Target t, byte[] bytes) {
        return check(t, bytes, t.cli, t.checks);
    }

    static String show(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return clip(s) + " " + Arrays.toString(Arrays.copyOf(bytes, Math.min(bytes.length, 16)));
    }
}
