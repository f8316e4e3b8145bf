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
}
