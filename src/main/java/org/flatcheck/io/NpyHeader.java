package org.flatcheck.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: the Python literal {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (4, 2), }}, parsed strictly (exactly these three keys; strings in either quote, {@code True}
 * and {@code False}, tuples of non-negative integers) without evaluating anything.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    NpyHeader {
        shape = shape.clone();
    }

    /** The dimensions (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && descr.equals(h.descr) && fortranOrder == h.fortranOrder
                && java.util.Arrays.equals(shape, h.shape);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(descr, fortranOrder, java.util.Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return "NpyHeader[descr=" + descr + ", fortranOrder=" + fortranOrder + ", shape=" + java.util.Arrays.toString(shape) + "]";
    }
    /**
     * Parses the literal.
     *
     * @throws IllegalArgumentException with a one-line description of what is wrong
     */
    static NpyHeader parse(String text) {
        Parser p = new Parser(text);
        Map<String, Object> dict = p.dict();
        p.end();
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw new IllegalArgumentException("has the unknown key '" + key + "'");
            }
        }
        Object descr = required(dict, "descr");
        Object fortran = required(dict, "fortran_order");
        Object shape = required(dict, "shape");
        if (descr instanceof List) {
            throw new IllegalArgumentException("'descr' is a structured (record) dtype; flatcheck reads plain numeric arrays");
        }
        if (!(descr instanceof String d)) {
            throw new IllegalArgumentException("'descr' is not a string");
        }
        if (!(fortran instanceof Boolean f)) {
            throw new IllegalArgumentException("'fortran_order' is not True or False");
        }
        if (!(shape instanceof long[] s)) {
            throw new IllegalArgumentException("'shape' is not a tuple of integers");
        }
        return new NpyHeader(d, f, s);
    }

    private static Object required(Map<String, Object> dict, String key) {
        Object v = dict.get(key);
        if (v == null) {
            throw new IllegalArgumentException("lacks the key '" + key + "'");
        }
        return v;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> out = new HashMap<>();
            while (peek() != '}') {
                String key = string();
                expect(':');
                if (out.put(key, value()) != null) {
                    throw new IllegalArgumentException("repeats the key '" + key + "'");
                }
                if (peek() != ',') {
                    break;
                }
                i++;
            }
            expect('}');
            return out;
        }

        void end() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < s.length()) {
                throw new IllegalArgumentException("has text after the dict at character " + i);
            }
        }

        Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (c == '[') {
                for (int depth = 0; i < s.length(); i++) {      // a structured dtype: skip the list
                    depth += s.charAt(i) == '[' ? 1 : s.charAt(i) == ']' ? -1 : 0;
                    if (depth == 0) {
                        i++;
                        return List.of();
                    }
                }
                throw new IllegalArgumentException("has an unclosed '['");
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("has an unexpected value at character " + i);
        }

        long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            while (peek() != ')') {
                dims.add(integer());
                if (peek() != ',') {
                    break;
                }
                i++;
            }
            expect(')');
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        long integer() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                i++;
            }
            if (i == start) {
                throw new IllegalArgumentException("'shape' holds something other than a non-negative integer at character " + i);
            }
            String digits = s.substring(start, i);
            if (i < s.length() && s.charAt(i) == 'L') {
                i++;                                  // Python 2 long literal
            }
            if (digits.length() > 18) {
                throw new IllegalArgumentException("'shape' holds the dimension " + digits + ", beyond any file's size");
            }
            return Long.parseLong(digits);
        }

        String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("expected a quoted key at character " + i);
            }
            int close = s.indexOf(q, i + 1);
            if (close < 0) {
                throw new IllegalArgumentException("has an unterminated string at character " + i);
            }
            String v = s.substring(i + 1, close);
            i = close + 1;
            return v;
        }

        char peek() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= s.length()) {
                throw new IllegalArgumentException("ends early (is the file truncated?)");
            }
            return s.charAt(i);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at character " + i + ", found '" + s.charAt(i) + "'");
            }
            i++;
        }
    }
}
