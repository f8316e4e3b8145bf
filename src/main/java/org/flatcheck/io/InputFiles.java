package org.flatcheck.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading input files with one-line errors. */
final class InputFiles {
    /** Largest input file read, so a stray multi-gigabyte file fails fast instead of exhausting memory. */
    static final long MAX_INPUT_BYTES = 256L << 20;

    private InputFiles() {
    }

    static byte[] readInput(Path file) {
        if (file.toString().isEmpty()) {
            throw new InputError("\"\"", null, "is an empty path", "give the path of a file");
        }
        try {
            if (Files.isDirectory(file)) {
                throw new InputError(file, null, "is a directory", "give the path of a file");
            }
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            // Checked before opening: opening a FIFO without a writer blocks, and a device such as /dev/zero
            // never ends. Standard input (/dev/stdin, /dev/fd/0) is read only when it is a redirected file.
            if (!Files.isRegularFile(file)) {
                throw new InputError(file, null, "is not a regular file (" + kind(file) + ")",
                        "save the input to a regular file and give its path");
            }
            long size = Files.size(file);
            if (size > MAX_INPUT_BYTES) {
                throw new InputError(file, null, "is " + size + " bytes, above the limit of " + MAX_INPUT_BYTES,
                        "give a smaller file");
            }
            return readAtMost(file);
        } catch (NoSuchFileException e) {
            throw new InputError(file, null, "does not exist", "check the path");
        } catch (AccessDeniedException e) {
            throw new InputError(file, null, "cannot be read (permission denied)", "check its permissions");
        } catch (IOException e) {
            throw new InputError(file, null, "cannot be read (" + e.getMessage() + ")", "check the file");
        }
    }

    /** The whole file, refusing it if it has grown past the limit since its size was taken. */
    private static byte[] readAtMost(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new InputError(file, null, "is more than " + MAX_INPUT_BYTES + " bytes, above the limit of "
                        + MAX_INPUT_BYTES, "give a smaller file");
            }
            return bytes;
        }
    }

    /** What a path that exists but is neither a regular file nor a directory is, for the message. */
    static String kind(Path file) {
        try {
            java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class);
            Object mode = Files.getAttribute(file, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000: return "a FIFO";
                    case 0020000: return "a character device";
                    case 0060000: return "a block device";
                    case 0140000: return "a socket";
                    default: break;
                }
            }
            return a.isOther() ? "a special file" : "not a file";
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
    }

    static String readText(Path file) {
        byte[] bytes = readInput(file);
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            String text = dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            // Spreadsheet programs start UTF-8 files with a byte-order mark.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InputError(file, null, "is not UTF-8 text", "save it as UTF-8");
        }
    }
}
