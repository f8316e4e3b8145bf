package org.flatcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.io.InputError;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The {@code --out} directory of {@code prove}: checked before any claim is decided, created only when there
 * is something to write, and written so that a run never silently mixes two runs' certificates. A changed
 * certificate is replaced only with {@code --overwrite} (otherwise nothing is written: exit 2); while files are
 * replaced, {@link #MARKER} names them and the command that writes them, so that a run killed between two files
 * leaves a directory that says it may mix two runs; the marker is removed once a run has written (or found
 * identical) every file it names.
 */
final class CertificateDirectory {
    /** The file in the directory that says a prove was stopped while replacing certificates there. */
    static final String MARKER = "PROVE-INTERRUPTED.txt";

    /** Called after each certificate file is written; tests replace it to simulate a run killed between two files. */
    static Consumer<Path> afterEachWrite = f -> { };

    private final CommandSpec spec;
    private final Path dir;
    private final boolean overwrite;

    CertificateDirectory(CommandSpec spec, Path dir, boolean overwrite) {
        this.spec = spec;
        this.dir = dir;
        this.overwrite = overwrite;
    }

    /** The certificate file of claim {@code id}. */
    Path file(String id) {
        return dir.resolve(id + ".json");
    }

    /**
     * Checks, before anything is computed, that the certificates of {@code ids} can be written: the directory is
     * a writable directory or can be created, and no certificate path is taken by something other than a file.
     */
    void checkWritable(Collection<String> ids) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " exists and is not a directory; give a directory");
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " cannot be created ("
                    + (existing == null ? "no existing parent" : existing + " is not a writable directory") + "); give a writable directory");
        }
        for (String id : ids) {
            Path file = file(id);
            if (Files.exists(file) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InputError(file, null, "exists and is not a regular file", "remove it, or give another --out");
            }
        }
    }

    /**
     * Writes the certificates (file → text) that are new or changed; {@code resume} gives the command that
     * rewrites the named files, for the marker.
     */
    void writeAll(Map<Path, String> texts, Function<Set<String>, String> resume) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out " + dir + " cannot be created (" + e.getMessage()
                    + "); give a writable directory");
        }
        List<Path> changed = new ArrayList<>();
        List<Path> toWrite = new ArrayList<>();
        for (Map.Entry<Path, String> e : texts.entrySet()) {
            byte[] now = e.getValue().getBytes(StandardCharsets.UTF_8);
            byte[] before = existing(e.getKey());
            if (before == null) {
                toWrite.add(e.getKey());
            } else if (!Arrays.equals(before, now)) {
                changed.add(e.getKey());
                toWrite.add(e.getKey());
            }
        }
        if (!changed.isEmpty() && !overwrite) {
            throw new InputError(changed.get(0), null, "holds a different certificate than this run"
                    + (changed.size() > 1 ? " (and " + (changed.size() - 1) + " more in " + dir + ")" : "")
                    + "; nothing was written", "give --overwrite to replace them, or another --out");
        }
        Path marker = dir.resolve(MARKER);
        Set<String> pending = new TreeSet<>(markedFiles(marker));
        Set<String> mine = new TreeSet<>();
        texts.keySet().forEach(f -> mine.add(f.getFileName().toString()));
        if (!toWrite.isEmpty()) {
            Set<String> names = new TreeSet<>(pending);
            toWrite.forEach(f -> names.add(f.getFileName().toString()));
            StringBuilder m = new StringBuilder("flatcheck prove was stopped while writing the certificates below, so this\n"
                    + "directory may hold certificates of two runs. Finish with:\n  " + resume.apply(names) + "\n"
                    + "This file is removed once a run has written every file it names.\nFiles:\n");
            names.forEach(n -> m.append("  ").append(n).append('\n'));
            AtomicFile.write(marker, m.toString());
            for (Path f : toWrite) {
                AtomicFile.write(f, texts.get(f));
                afterEachWrite.accept(f);
            }
        }
        if (mine.containsAll(pending)) {
            if (!toWrite.isEmpty() || !pending.isEmpty()) {
                AtomicFile.delete(marker);
            }
        } else {
            pending.removeAll(mine);
            spec.commandLine().getErr().println("warning: " + marker + ": an earlier prove was stopped while writing; "
                    + pending.size() + " certificate(s) there, e.g. " + pending.iterator().next()
                    + ", may come from another run; rerun the command that file names");
        }
    }

    /** The bytes of an existing certificate file, or null if there is none. */
    private static byte[] existing(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be read (" + e.getMessage() + ")", "check its permissions, or give another --out");
        }
    }

    /** The file names listed in a marker left by an interrupted run (none if there is no marker). */
    private static List<String> markedFiles(Path marker) {
        if (!Files.isRegularFile(marker)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            int at = lines.indexOf("Files:");
            return at < 0 ? List.of() : lines.subList(at + 1, lines.size()).stream().map(String::strip)
                    .filter(l -> l.endsWith(".json")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
