package org.flatcheck.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a temporary
 * file in the same directory, which is then moved over the target in one step.
 */
public final class AtomicFile {
    private static final InheritableThreadLocal<java.util.concurrent.atomic.AtomicBoolean> CANCELLED = new InheritableThreadLocal<>();

    private AtomicFile() {
    }

    /**
     * Makes writes from this thread (and threads it starts) refuse to move a file into place once
     * {@code flag} is set: a command stopped by {@code --timeout} leaves no output behind.
     */
    public static void cancelWith(java.util.concurrent.atomic.AtomicBoolean flag) {
        CANCELLED.set(flag);
    }

    private static boolean cancelled() {
        java.util.concurrent.atomic.AtomicBoolean f = CANCELLED.get();
        return f != null && f.get();
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            if (cancelled()) {
                return;
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be written (" + e.getMessage() + ")",
                    "check that the directory exists and is writable");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target itself was never touched
                }
            }
        }
    }
}
