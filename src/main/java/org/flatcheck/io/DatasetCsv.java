package org.flatcheck.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;

/**
 * The CSV dataset format of docs/ARCHITECTURE.md §4: a header {@code x1,…,xd,y1,…,yk} (inputs first, numbered from
 * 1), then one data point per line; cells are integers, fractions {@code p/q} or exact decimals,
 * optionally in double quotes. Blank lines are skipped.
 */
public final class DatasetCsv {
    private static final String HEADER_FIX = "start the file with a header x1,…,xd,y1,…,yk";

    private DatasetCsv() {
    }

    /** Reads a CSV dataset. */
    public static Dataset read(Path file) {
        String text = InputFiles.readText(file);
        String[] lines = text.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new InputError(file, null, "is empty", HEADER_FIX + " and one line per data point");
        }
        String[] header = cells(lines[first]);
        int d = header(file, header);
        int k = header.length - d;
        List<BigFraction[]> xs = new ArrayList<>();
        List<BigFraction[]> ys = new ArrayList<>();
        for (int ln = first + 1; ln < lines.length; ln++) {
            if (lines[ln].isBlank()) {
                continue;
            }
            String[] cells = cells(lines[ln]);
            String where = "line " + (ln + 1);
            if (cells.length != header.length) {
                throw new InputError(file, where, "has " + cells.length + " cells, the header has " + header.length,
                        "give one value per header column");
            }
            BigFraction[] x = new BigFraction[d];
            BigFraction[] y = new BigFraction[k];
            for (int c = 0; c < cells.length; c++) {
                BigFraction v = parse(file, where + ", column " + header[c], cells[c]);
                if (c < d) {
                    x[c] = v;
                } else {
                    y[c - d] = v;
                }
            }
            xs.add(x);
            ys.add(y);
        }
        if (xs.isEmpty()) {
            throw new InputError(file, null, "has a header but no data lines", "add one line per data point");
        }
        return Dataset.of(xs.toArray(new BigFraction[0][]), ys.toArray(new BigFraction[0][]));
    }

    /** Checks the header and returns the number of input columns. */
    private static int header(Path file, String[] header) {
        int d = 0;
        while (d < header.length && header[d].equals("x" + (d + 1))) {
            d++;
        }
        for (int c = d; c < header.length; c++) {
            if (!header[c].equals("y" + (c - d + 1))) {
                throw new InputError(file, "line 1, column " + (c + 1),
                        "header cell \"" + header[c] + "\" should be \"" + (c == d ? "x" + (d + 1) + "\" or \"y1" : "y" + (c - d + 1)) + "\"",
                        HEADER_FIX);
            }
        }
        if (d == 0 || d == header.length) {
            throw new InputError(file, "line 1", "the header needs at least one x column and one y column", HEADER_FIX);
        }
        return d;
    }

    private static String[] cells(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].strip();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1).strip();
            }
            cells[i] = c;
        }
        return cells;
    }

    private static BigFraction parse(Path file, String where, String cell) {
        String size = InputLimits.tooLong(cell);
        BigFraction x;
        try {
            x = size != null ? null : Q.parse(cell);
        } catch (NumberFormatException e) {
            throw new InputError(file, where, cell.isEmpty() ? "is empty" : e.getMessage(),
                    "write an integer, a fraction p/q or an exact decimal, e.g. -3, 1/2, 0.25");
        }
        size = size != null ? size : InputLimits.tooLong(x);
        if (size != null) {
            throw new InputError(file, where, size, InputLimits.FIX);
        }
        return x;
    }

    /** The dataset as CSV text. */
    public static String toCsv(Dataset data) {
        StringBuilder sb = new StringBuilder();
        for (int j = 1; j <= data.inputDimension(); j++) {
            sb.append('x').append(j).append(',');
        }
        for (int j = 1; j <= data.targetDimension(); j++) {
            sb.append('y').append(j).append(j == data.targetDimension() ? "\n" : ",");
        }
        for (int i = 0; i < data.size(); i++) {
            StringBuilder row = new StringBuilder();
            for (BigFraction v : data.input(i)) {
                row.append(Q.format(v)).append(',');
            }
            for (BigFraction v : data.target(i)) {
                row.append(Q.format(v)).append(',');
            }
            row.setLength(row.length() - 1);
            sb.append(row).append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #toCsv} to {@code file} atomically. */
    public static void write(Dataset data, Path file) {
        AtomicFile.write(file, toCsv(data));
    }
}
