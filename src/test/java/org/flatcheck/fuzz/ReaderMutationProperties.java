package org.flatcheck.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Structured mutations of valid seed files ({@link Seeds}) for every reader: JSON tree edits (deleted
 * and duplicated fields and elements, hostile values, deep nesting), truncation, byte flips, framing
 * (BOMs, non-UTF-8, NULs, line ends) and CSV cell edits; each run keeps the CLI contract.
 */
class ReaderMutationProperties {
    private static final byte[][] FRAMES = {
        {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
        {(byte) 0xC3, (byte) 0x28}, {(byte) 0xF0, (byte) 0x28, (byte) 0x8C}, {0}, {'\r'}, {'\n'}, {' '},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "/* c */".getBytes(StandardCharsets.UTF_8), "\"".getBytes(StandardCharsets.UTF_8),
        "]".getBytes(StandardCharsets.UTF_8), "}".getBytes(StandardCharsets.UTF_8), ",".getBytes(StandardCharsets.UTF_8),
    };

    @Property(tries = 300)
    void jsonTreeMutationsKeepTheContract(@ForAll("jsonSeeds") Seed seed, @ForAll @IntRange(min = 0, max = 100_000) int node,
            @ForAll JsonMutator.Kind kind, @ForAll("hostile") String replacement) {
        String text = JsonMutator.mutate(JsonMutator.parse(seed.bytes()), node, kind, replacement);
        Cli.check(seed.target(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** Two mutations at once reach combinations one cannot (e.g. a cycle from two renamed edges). */
    @Property(tries = 150)
    void doubleJsonMutationsKeepTheContract(@ForAll("jsonSeeds") Seed seed, @ForAll @IntRange(min = 0, max = 100_000) int a,
            @ForAll @IntRange(min = 0, max = 100_000) int b, @ForAll("smallKind") JsonMutator.Kind ka,
            @ForAll("smallKind") JsonMutator.Kind kb, @ForAll("hostile") String ra, @ForAll("names") String rb) {
        String once = JsonMutator.mutate(JsonMutator.parse(seed.bytes()), a, ka, ra);
        byte[] bytes = once.getBytes(StandardCharsets.UTF_8);
        String twice;
        try {
            twice = JsonMutator.mutate(JsonMutator.parse(bytes), b, kb, rb);
        } catch (IllegalArgumentException notJson) {
            twice = once;
        }
        Cli.check(seed.target(), twice.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 100)
    void truncationsKeepTheContract(@ForAll("seeds") Seed seed, @ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
        byte[] b = seed.bytes();
        Cli.check(seed.target(), Arrays.copyOf(b, cut % (b.length + 1)));
    }

    @Property(tries = 150)
    void byteFlipsKeepTheContract(@ForAll("seeds") Seed seed, @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0) Integer> at,
            @ForAll @Size(min = 4, max = 4) byte[] values) {
        byte[] b = seed.bytes().clone();
        for (int i = 0; i < at.size(); i++) {
            b[at.get(i) % b.length] = values[i];
        }
        Cli.check(seed.target(), b);
    }

    @Property(tries = 100)
    void framingKeepsTheContract(@ForAll("seeds") Seed seed, @ForAll @IntRange(min = 0, max = FRAMES_MAX) int frame,
            @ForAll @IntRange(min = 0, max = 1_000_000) int at) {
        byte[] b = seed.bytes();
        byte[] f = FRAMES[frame % FRAMES.length];
        int pos = at % 3 == 0 ? 0 : at % 3 == 1 ? b.length : at % (b.length + 1);
        byte[] out = new byte[b.length + f.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(f, 0, out, pos, f.length);
        System.arraycopy(b, pos, out, pos + f.length, b.length - pos);
        Cli.check(seed.target(), out);
    }

    private static final int FRAMES_MAX = 1000;

    @Property(tries = 100)
    void csvCellEditsKeepTheContract(@ForAll("csvSeeds") Seed seed, @ForAll @IntRange(min = 0, max = 10_000) int line,
            @ForAll @IntRange(min = 0, max = 10_000) int cell, @ForAll @IntRange(min = 0, max = 3) int edit,
            @ForAll("hostile") String value) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(seed.bytes(), StandardCharsets.UTF_8).split("\n", -1)));
        int l = line % lines.size();
        List<String> cells = new ArrayList<>(Arrays.asList(lines.get(l).split(",", -1)));
        int c = cell % cells.size();
        switch (edit) {
            case 0 -> cells.set(c, value.startsWith("\"") && value.length() > 1 ? value.substring(1, value.length() - 1) : value);
            case 1 -> cells.remove(c);
            case 2 -> cells.add(c, cells.get(c));
            default -> lines.add(l, lines.get(l));
        }
        if (edit < 3) {
            lines.set(l, String.join(",", cells));
        }
        Cli.check(seed.target(), String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Provide
    Arbitrary<Seed> seeds() {
        return Arbitraries.of(Seed.all());
    }

    @Provide
    Arbitrary<Seed> jsonSeeds() {
        return Arbitraries.of(Seed.json());
    }

    @Provide
    Arbitrary<Seed> csvSeeds() {
        return Arbitraries.of(Seed.all().stream().filter(s -> s.target().suffix.equals(".csv")).toList());
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.of(JsonMutator.HOSTILE);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("\"x1\"", "\"x2\"", "\"h1\"", "\"h2\"", "\"y\"", "\"a\"", "\"b\"", "\"x\"", "\"n0\"", "\"1\"",
                "[]", "null", "0");
    }

    @Provide
    Arbitrary<JsonMutator.Kind> smallKind() {
        return Arbitraries.of(JsonMutator.Kind.DELETE, JsonMutator.Kind.DUPLICATE, JsonMutator.Kind.REPLACE,
                JsonMutator.Kind.EMPTY);
    }
}
