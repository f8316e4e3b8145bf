package org.flatcheck.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a file so that it either appears complete or not at all: the content goes to a temporary
 * file in the same directory, which is then moved over the target in one step.
 *
 * <p>Permissions are those a plain program gets: a new file is created with mode {@code 0666 & ~umask}
 * (the temporary file is created without explicit permissions, so the process's umask applies), and a
 * replaced file keeps its mode. A run under a {@link Staging} moves nothing into place until the
 * staging is committed, so a run stopped by {@code --timeout} leaves no file at all.
 */
public final class AtomicFile {
    private static final InheritableThreadLocal<Staging> STAGING = new InheritableThreadLocal<>();
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {
    }

    /**
     * The writes of one run that must appear all at the end or not at all: while a thread (and the threads
     * it starts) writes under a staging, each file is written completely to its temporary file and only
     * moved into place by {@link #commit()}; {@link #cancel()} deletes them instead.
     */
    public static final class Staging {
        private final List<Path[]> staged = new ArrayList<>();
        private final List<Path> writing = new ArrayList<>();
        private boolean cancelled;

        /** Makes the current thread, and threads it starts from now on, write under this staging. */
        public void attachToCurrentThread() {
            STAGING.set(this);
        }

        /** A new temporary file for {@code target}, tracked until staged; null once cancelled (write nothing). */
        synchronized Path create(Path target) throws IOException {
            if (cancelled) {
                return null;
            }
            Path tmp = createTemporary(target);
            writing.add(tmp);
            return tmp;
        }

        synchronized boolean cancelled() {
            return cancelled;
        }

        /** Records the complete temporary file {@code tmp} for {@code target}; false once cancelled. */
        synchronized boolean stage(Path tmp, Path target) {
            writing.remove(tmp);
            if (cancelled) {
                return false;
            }
            staged.add(new Path[] {tmp, target});
            return true;
        }

        /**
         * Moves every staged file into place, in the order written.
         *
         * @throws InputError naming the first target that cannot be written (the rest are removed)
         */
        public synchronized void commit() {
            for (int i = 0; i < staged.size(); i++) {
                Path[] s = staged.get(i);
                try {
                    move(s[0], s[1]);
                } catch (IOException e) {
                    for (int k = i; k < staged.size(); k++) {
                        deleteQuietly(staged.get(k)[0]);
                    }
                    staged.clear();
                    throw new InputError(s[1], null, "cannot be written (" + e.getMessage() + ")",
                            "check that the directory exists and is writable");
                }
            }
            staged.clear();
        }

        /**
         * Deletes every staged file and every temporary file still being written (its writer then fails to
         * write it, as it is never re-created); later writes under this staging write nothing.
         */
        public synchronized void cancel() {
            cancelled = true;
            for (Path[] s : staged) {
                deleteQuietly(s[0]);
            }
            for (Path p : writing) {
                deleteQuietly(p);
            }
            staged.clear();
            writing.clear();
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file} atomically. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    public static void write(Path file, byte[] bytes) {
        Path target = file.toAbsolutePath();
        Staging staging = STAGING.get();
        Path tmp = null;
        try {
            tmp = staging == null ? createTemporary(target) : staging.create(target);
            if (tmp == null) {
                return; // the run was stopped: it writes nothing
            }
            // No CREATE: a temporary file deleted by a cancelled staging is not written again.
            Files.write(tmp, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            keepMode(target, tmp);
            if (staging != null) {
                if (staging.stage(tmp, target)) {
                    tmp = null; // the staging owns it now
                }
                return;
            }
            move(tmp, target);
            tmp = null;
        } catch (IOException e) {
            if (staging != null && staging.cancelled()) {
                return; // stopped while writing: its temporary file was removed under it
            }
            throw new InputError(file, null, "cannot be written (" + e.getMessage() + ")",
                    "check that the directory exists and is writable");
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp); // the target itself was never touched
            }
        }
    }

    /**
     * A new, empty file next to {@code target}, created without explicit permissions so that the umask
     * applies ({@code Files.createTempFile} would make it 0600 whatever the umask).
     */
    private static Path createTemporary(Path target) throws IOException {
        Path dir = target.getParent();
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            try {
                return Files.createFile(dir.resolve(prefix + COUNTER.incrementAndGet() + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                // a leftover of another process with the same pid: take the next number
            }
        }
    }

    /** A replaced file keeps its permissions (a shared results folder stays readable as it was set up). */
    private static void keepMode(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: only a temporary file is left
        }
    }
}
