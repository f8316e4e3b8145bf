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
 *
 * <p>A target that is a character device (such as {@code /dev/null}) or a FIFO is written in place, as the
 * shell's {@code >} would, and never replaced by a regular file; any other non-regular target (a directory,
 * a block device, a socket) is refused. Temporary files are named {@code .NAME.PID.N.tmp}; those of a
 * process that no longer runs (killed before it could clean up) are deleted by the next write of the same
 * target, and those of this process are deleted when the JVM shuts down.
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
        /** Pairs {tmp, target}; tmp is null for a staged in-place write, whose bytes are in {@link #inPlace}. */
        private final List<Path[]> staged = new ArrayList<>();
        private final java.util.Map<Path[], byte[]> inPlace = new java.util.IdentityHashMap<>();
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

        /** Records the deletion of {@code target}, done at the commit in the order of the writes. */
        synchronized void stageDelete(Path target) {
            if (!cancelled) {
                Path[] s = {null, target};
                staged.add(s);
                inPlace.put(s, null);
            }
        }

        /** Records an in-place write of a device or FIFO, done at the commit. */
        synchronized void stageInPlace(Path target, byte[] bytes) {
            if (!cancelled) {
                Path[] s = {null, target};
                staged.add(s);
                inPlace.put(s, bytes);
            }
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
                    if (s[0] == null && inPlace.get(s) == null) {
                        if (Files.isRegularFile(s[1], java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            Files.deleteIfExists(s[1]);
                        }
                    } else if (s[0] == null) {
                        writeInPlace(s[1], inPlace.get(s));
                    } else {
                        move(s[0], s[1]);
                    }
                } catch (IOException e) {
                    for (int k = i; k < staged.size(); k++) {
                        deleteQuietly(staged.get(k)[0]);
                    }
                    staged.clear();
                    inPlace.clear();
                    throw new InputError(s[1], null, "cannot be written (" + e.getMessage() + ")",
                            "check that the directory exists and is writable");
                }
            }
            staged.clear();
            inPlace.clear();
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
            inPlace.clear();
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
        if (writesInPlace(target)) {
            if (staging != null) {
                staging.stageInPlace(target, bytes);
                return;
            }
            try {
                writeInPlace(target, bytes);
            } catch (IOException e) {
                throw new InputError(file, null, "cannot be written (" + e.getMessage() + ")",
                        "check that the device or FIFO is writable");
            }
            return;
        }
        refuseSpecial(file, target);
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

    /** Deletes the regular file {@code file} if it exists; under a staging, only when the staging is committed. */
    public static void delete(Path file) {
        Path target = file.toAbsolutePath();
        Staging staging = STAGING.get();
        if (staging != null) {
            staging.stageDelete(target);
            return;
        }
        try {
            if (Files.isRegularFile(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be deleted (" + e.getMessage() + ")",
                    "check that the directory is writable");
        }
    }

    /**
     * Whether {@code target} is written in place rather than replaced: it exists (following links, so
     * {@code /dev/stdout} counts as what it points to) and is a character device or a FIFO.
     */
    public static boolean writesInPlace(Path target) {
        if (!Files.exists(target) || Files.isRegularFile(target) || Files.isDirectory(target)) {
            return false;
        }
        int type = fileType(target);
        return type == S_IFCHR || type == S_IFIFO;
    }

    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    /** The file type bits of {@code st_mode}, or -1 where the file system does not report them. */
    private static int fileType(Path p) {
        try {
            return Files.getAttribute(p, "unix:mode") instanceof Integer m ? m & 0170000 : -1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Refuses a target that exists but is neither a regular file nor written in place. */
    private static void refuseSpecial(Path file, Path target) {
        if (Files.isDirectory(target)) {
            throw new InputError(file, null, "is a directory", "give the path of a file to write");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            int type = fileType(target);
            String kind = type == S_IFBLK ? "a block device" : type == S_IFSOCK ? "a socket" : "a special file";
            throw new InputError(file, null, "is " + kind + ", which flatcheck neither replaces nor writes into",
                    "give the path of a regular file, a character device such as /dev/null, or a FIFO");
        }
    }

    /** Writes into an existing device or FIFO (no CREATE, so a path that vanished is not made a regular file). */
    private static void writeInPlace(Path target, byte[] bytes) throws IOException {
        try (java.io.OutputStream o = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
            o.write(bytes);
        }
    }

    /** Temporary files of this process not yet moved into place or deleted, removed at JVM shutdown. */
    private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(AtomicFile::deleteQuietly),
                    "flatcheck-temporary-files"));
        } catch (IllegalStateException | SecurityException e) {
            // already shutting down: nothing of ours to clean up
        }
    }

    /**
     * A new, empty file next to {@code target}, created without explicit permissions so that the umask
     * applies ({@code Files.createTempFile} would make it 0600 whatever the umask). Temporary files of the
     * same target left by processes that no longer run are deleted first.
     */
    private static Path createTemporary(Path target) throws IOException {
        Path dir = target.getParent();
        removeStale(dir, target.getFileName().toString());
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        while (true) {
            try {
                Path tmp = Files.createFile(dir.resolve(prefix + COUNTER.incrementAndGet() + ".tmp"));
                LIVE.add(tmp);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // a leftover of another process with the same pid: take the next number
            }
        }
    }

    /**
     * Deletes {@code .NAME.PID.N.tmp} files in {@code dir} whose process {@code PID} no longer runs: what a
     * run killed while writing {@code NAME} (by {@code kill -9} or a power cut) left behind. Files of a live
     * process, and every file not of exactly this pattern, are kept.
     */
    static void removeStale(Path dir, String name) {
        String prefix = "." + name + ".";
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir,
                f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".tmp"))) {
            for (Path f : files) {
                String[] rest = f.getFileName().toString().substring(prefix.length()).split("\\.");
                if (rest.length != 3 || !rest[0].matches("[0-9]{1,18}") || !rest[1].matches("[0-9]{1,18}")
                        || !Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long pid = Long.parseLong(rest[0]);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
                    deleteQuietly(f);
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // best effort: a stale file stays, the write itself goes on
        }
    }

    /** A replaced file keeps its permissions (a shared results folder stays readable as it was set up). */
    private static void keepMode(Path target, Path tmp) throws IOException {
        if (Files.isRegularFile(target) && Files.getFileAttributeView(target, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        if (writesInPlace(target) || Files.isDirectory(target)) {
            // became a device, FIFO or directory while the run went on: never replace it
            throw new IOException("it is no longer a regular file");
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        LIVE.remove(tmp);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
            LIVE.remove(p);
        } catch (IOException ignored) {
            // best effort: only a temporary file is left
        }
    }
}
