package org.flatcheck.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A mistake in an input file, reported as one line that names the file, the field (a JSON path such
 * as {@code weights[0][1][2]} or a CSV {@code line 3, column y1}), what is wrong, and how to fix it.
 * The CLI prints it and exits with code 2.
 */
public final class InputError extends org.flatcheck.error.BadInput {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;
    private final String problem;
    private final String fix;

    public InputError(String file, String field, String problem, String fix) {
        super(render(file, field, problem, fix));
        this.file = Objects.requireNonNull(file, "file");
        this.field = field;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.fix = fix;
    }

    public InputError(Path file, String field, String problem, String fix) {
        this(file.toString(), field, problem, fix);
    }

    private static String render(String file, String field, String problem, String fix) {
        StringBuilder sb = new StringBuilder(file);
        if (field != null && !field.isEmpty()) {
            sb.append(": ").append(field);
        }
        sb.append(": ").append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append("; ").append(fix);
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    public String file() {
        return file;
    }

    /** The offending field, or null when the whole file is at fault. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
