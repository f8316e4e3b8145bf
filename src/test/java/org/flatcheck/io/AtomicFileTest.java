package org.flatcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.json");
        Files.writeString(f, "old");
        AtomicFile.write(f, "new");
        assertEquals("new", Files.readString(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    /**
     * A new file gets the mode a plain program's file gets, 0666 & ~umask: the same as a file made by
     * {@code Files.createFile} (no explicit permissions) in the same directory — not 0600, which made a
     * shared results folder unreadable to co-authors.
     */
    @Test
    void aNewFileHonoursTheUmask() throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("new.json");
        AtomicFile.write(f, "x");
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertTrue(Files.getPosixFilePermissions(f).contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void aReplacedFileKeepsItsMode() throws IOException {
        for (String mode : new String[] {"rw-r--r--", "rw-r-----", "rw-------", "rw-rw-r--"}) {
            Path f = dir.resolve("kept-" + mode + ".json");
            Files.writeString(f, "old");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
            AtomicFile.write(f, "new");
            assertEquals("new", Files.readString(f));
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void stagedWritesAppearOnlyOnCommit() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = oldFile();
        AtomicFile.Staging staging = new AtomicFile.Staging();
        runUnder(staging, () -> {
            AtomicFile.write(a, "A");
            AtomicFile.write(b, "B");
        });
        assertFalse(Files.exists(a), "not before the commit");
        assertEquals("old", Files.readString(b));
        staging.commit();
        assertEquals("A", Files.readString(a));
        assertEquals("B", Files.readString(b));
        assertEquals(List.of("a.json", "b.json"), listing());
    }

    @Test
    void aCancelledStagingLeavesNothingAndWritesNothingLater() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = oldFile();
        AtomicFile.Staging staging = new AtomicFile.Staging();
        runUnder(staging, () -> AtomicFile.write(a, "A"));
        staging.cancel();
        runUnder(staging, () -> AtomicFile.write(b, "B"));
        staging.commit();
        assertEquals(List.of("b.json"), listing(), "no target, no temporary file");
        assertEquals("old", Files.readString(b));
    }

    /** b.json, holding "old". */
    private Path oldFile() throws IOException {
        return Files.writeString(dir.resolve("b.json"), "old");
    }

    private static void runUnder(AtomicFile.Staging staging, Runnable r) {
        Thread t = new Thread(() -> {
            staging.attachToCurrentThread();
            r.run();
        });
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private List<String> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failureLeavesNothingBehind() throws IOException {
        Path f = dir.resolve("missing-dir").resolve("out.json");
        InputError e = assertThrows(InputError.class, () -> AtomicFile.write(f, "x"));
        assertTrue(e.getMessage().contains("out.json"));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    /** What {@code kill -9} during a write leaves: the next write of the same target removes it. */
    @Test
    void theNextWriteRemovesTemporaryFilesOfDeadProcesses() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long dead = done.pid();
        org.junit.jupiter.api.Assumptions.assumeFalse(ProcessHandle.of(dead).isPresent(), "the pid is not reused yet");
        Path stale = Files.writeString(dir.resolve(".out.json." + dead + ".3.tmp"), "partial");
        Path live = Files.writeString(dir.resolve(".out.json.1.4.tmp"), "pid 1 still runs");
        Path other = Files.writeString(dir.resolve(".out.json.notes.tmp"), "not our pattern");
        Path otherTarget = Files.writeString(dir.resolve(".other.json." + dead + ".5.tmp"), "another target's");
        AtomicFile.write(dir.resolve("out.json"), "new");
        assertFalse(Files.exists(stale), "the dead process's temporary file is removed");
        assertTrue(Files.exists(live) && Files.exists(other) && Files.exists(otherTarget), listing().toString());
        assertEquals("new", Files.readString(dir.resolve("out.json")));
    }

    /** A run stopped by SIGTERM (or Ctrl-C) deletes its temporary files on the way out. */
    @Test
    void aTerminatedRunLeavesNoTemporaryFile() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                StagedWriter.class.getName(), dir.resolve("out.json").toString()).redirectErrorStream(true).start();
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("staged", r.readLine(), "the child wrote its temporary file");
        assertEquals(1, listing().stream().filter(n -> n.startsWith(".out.json.")).count(), listing().toString());
        child.destroy(); // SIGTERM
        assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child ends at all");
        assertEquals(List.of(), listing(), "no temporary file and no target");
    }

    /** Writes one file under a staging that is never committed, says so, and waits to be terminated. */
    static final class StagedWriter {
        public static void main(String[] args) throws InterruptedException {
            AtomicFile.Staging staging = new AtomicFile.Staging();
            staging.attachToCurrentThread();
            AtomicFile.write(Path.of(args[0]), "x");
            System.out.println("staged");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(); // until terminated
        }
    }

    @Test
    void aDirectoryOrSocketTargetIsRefusedNotReplaced() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        InputError e = assertThrows(InputError.class, () -> AtomicFile.write(sub, "x"));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        assertTrue(Files.isDirectory(sub));
        assertEquals(List.of("sub"), listing());
    }
}
