package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flatcheck.io.AtomicFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Special files as input and output: a reader refuses anything but a regular file before opening it (so
 * {@code /dev/zero} is not read and a FIFO without a writer does not block), and {@code -o} writes a device
 * or FIFO in place instead of replacing it with a regular file.
 */
class SpecialFilesTest {
    @TempDir
    Path dir;

    /** A FIFO in the temporary directory (skipped where mkfifo is not available). */
    private Path fifo(String name) throws IOException, InterruptedException {
        Path p = dir.resolve(name);
        Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assumeTrue(mk.waitFor(60, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo works here");
        return p;
    }

    /** Runs the CLI in another thread, so that a run that blocks fails the test instead of hanging it. */
    private static CliRun runGuarded(String... args) throws Exception {
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        // A generous "finishes at all" guard, no duration is asserted.
        return run.get(120, TimeUnit.SECONDS);
    }

    private static void assertNotARegularFile(CliRun run, String file) {
        assertEquals(2, run.code(), run.out() + run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("error: " + file + ": is not a regular file"), run.err());
    }

    @Test
    void devZeroIsRefusedWithoutReadingIt() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")));
        assertNotARegularFile(runGuarded("import", "/dev/zero"), "/dev/zero");
        assertNotARegularFile(runGuarded("hessian", "--net", "/dev/zero", "--data", "examples/xor-data.json"), "/dev/zero");
    }

    @Test
    void aFifoWithoutAWriterIsRefusedWithoutBlocking() throws Exception {
        Path p = fifo("net.json");
        assertNotARegularFile(runGuarded("hessian", "--net", p.toString(), "--data", "examples/xor-data.json"), p.toString());
        assertNotARegularFile(runGuarded("import", p.toString()), p.toString());
        assertNotARegularFile(runGuarded("classes", "--merge", p.toString()), p.toString());
        assertNotARegularFile(runGuarded("verify-certificate", p.toString()), p.toString());
    }

    @Test
    void aSymlinkToARegularFileIsStillRead() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("xor.json"), Path.of("examples/xor.json").toAbsolutePath());
        CliRun run = runGuarded("hessian", "--net", link.toString(), "--data", "examples/xor-data.json");
        assertEquals(0, run.code(), run.err());
    }

    @Test
    void aFifoAsOutputIsWrittenInPlaceNotReplaced() throws Exception {
        Path p = fifo("out.json");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CliRun run = runGuarded("export", "examples/xor.json", "-o", p.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(reader.get(120, TimeUnit.SECONDS).contains("0.weight"), "the reader got the safetensors file");
        assertTrue(Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS),
                "still a FIFO, not replaced by a regular file");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("out.json"), files.map(f -> f.getFileName().toString()).toList(), "no temporary file");
        }
    }

    @Test
    void devNullIsWrittenInPlace() throws Exception {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        // First the decision alone, so that a regression can never replace the machine's /dev/null (as root it could).
        assertTrue(AtomicFile.writesInPlace(devNull), "/dev/null is written in place");
        assertFalse(AtomicFile.writesInPlace(dir.resolve("plain.json")), "a regular file is replaced atomically");
        CliRun run = runGuarded("export", "examples/xor.json", "-o", "/dev/null");
        assertEquals(0, run.code(), run.err());
        assertFalse(Files.isRegularFile(devNull), "/dev/null is still a device");
    }
}
