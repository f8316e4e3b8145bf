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
import org.flatcheck.testing.Allocation;

/**
 * The CLI contract of the issue "Hostile input and limits", checked end to end through {@link Main#run}
 * in-process: exit 0, 2, 3 or 4 (1 only where a check may fail), at most three lines on stderr, no
 * exception names or stack frames anywhere, nothing new in the input's directory, and at most
 * {@link #MAX_ALLOCATED_BYTES} allocated on the heap — the machine-independent form of "refused before
 * reading or expanding the whole input" (a decompression bomb or a 5 GB special file allocates far more).
 * No wall-clock limit: a run only has to finish at all ({@link #HANG_MILLIS}, far above any normal run
 * even on a loaded machine).
 */
final class Cli {
    /**
     * Heap bytes a run on hostile input may allocate: four times the most flatcheck reads from one file
     * (256 MiB, {@code InputFiles.MAX_INPUT_BYTES}; an npz bomb is expanded up to that limit in a
     * growing buffer, 515 MiB, before it is refused). Runs on the seeds stay far below; the regressions
     * this guards (a bomb expanded in full, a special file read without end) allocate gigabytes.
     */
    static final long MAX_ALLOCATED_BYTES = 4 * (256L << 20);
    /** A run still going after this has hung (it is abandoned): a "finishes at all" guard, not a speed limit. */
    static final long HANG_MILLIS = 600_000;
    /** With the environment variable FUZZ_TRACE set, every run prints its target, exit code, time and first error line. */
    private static final boolean TRACE = System.getenv("FUZZ_TRACE") != null;

    /** One run; {@code allocated}: heap bytes allocated by the thread that ran it. */
    record Run(String[] args, int code, String out, String err, long allocated) {
        @Override
        public String toString() {
            return "flatcheck " + String.join(" ", args) + "\nexit " + code + " after allocating " + Allocation.mib(allocated)
                    + "\nstdout: " + clip(out) + "\nstderr: " + clip(err);
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
        long[] allocated = {0};
        Thread t = new Thread(() -> {
            long before = Allocation.current();
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                code[0] = Main.run(args, o, e);
                allocated[0] = Allocation.current() - before;
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
        if (t.isAlive()) {
            t.interrupt();
            fail("hang: no exit after " + HANG_MILLIS + " ms: flatcheck " + clip(String.join(" ", args)));
        }
        if (escaped[0] != null) {
            throw new AssertionError("Main.run threw instead of returning an exit code: flatcheck "
                    + clip(String.join(" ", args)), escaped[0]);
        }
        return new Run(args, code[0], out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), allocated[0]);
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
        assertTrue(r.allocated() < MAX_ALLOCATED_BYTES, () -> "at most " + Allocation.mib(MAX_ALLOCATED_BYTES) + " allocated\n" + r);
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
                System.err.println("TRACE " + t + " exit " + r.code() + " " + r.allocated() + " bytes " + r.err().lines().findFirst().orElse(""));
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
