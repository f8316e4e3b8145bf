package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.io.JsonInput;

/**
 * The checker's handler of a {@code sign_test} check, and its own computation of a paired sign test's result
 * from the recomputed values of each pair (the prover has its own, in {@code claims.SignTest}). For the differences {@code d = large − small}:
 * n the nonzero ones, k the positive ones; {@code p_value = P(K ≥ k)} and
 * {@code p_value_large_flatter = P(K ≤ k)} for {@code K ~ Bin(n, ½)}, as exact fractions
 * {@code Σ n! / (j!(n−j)!) / 2ⁿ}; the verdict at level 1/20; the median of all N differences and its
 * order-statistic interval {@code [d₍r₎, d₍N+1−r₎]} with the largest r of exact coverage
 * {@code 1 − 2 P(Bin(N, ½) < r)} ≥ 19/20; the median of {@code d / |small|} over {@code small ≠ 0}; the
 * sign effect {@code (2k − n)/n}. The same, without the median and effect sizes, per task.
 */
final class SignTestCheck {
    private static final BigFraction LEVEL = Q.of(1, 20);
    private static final BigFraction COVERAGE = Q.of(19, 20);

    private SignTestCheck() {
    }

    /**
     * Recomputes every pair's two values, then the test's statistics from them, and compares the whole
     * recorded {@code result} with the recomputed one. The level is fixed at 1/20 and every pair is one
     * distinct seeded run, so neither can be bent to change the verdict.
     */
    static void check(Recomputation r, JsonNode c, String path) {
        JsonInput in = r.reader().input();
        String measure = in.string(in.required(c, path, "measure", FIX), path + ".measure", FIX);
        String level = in.string(in.required(c, path, "level", FIX), path + ".level", FIX);
        if (!level.equals("1/20")) {
            throw in.error(path + ".level", "is " + level, "the sign test's level is 1/20");
        }
        List<JsonNode> pairs = in.array(in.required(c, path, "pairs", FIX), path + ".pairs", FIX);
        List<Pair> values = new ArrayList<>();
        Set<String> runs = new HashSet<>();
        Set<String> nets = new HashSet<>();
        boolean mismatch = false;
        for (int i = 0; i < pairs.size(); i++) {
            String pp = path + ".pairs[" + i + "]";
            JsonNode p = pairs.get(i);
            String task = in.string(in.required(p, pp, "task", FIX), pp + ".task", FIX);
            String run = task + "\u0000" + in.required(p, pp, "seed", FIX).asText();
            if (!runs.add(run)) {
                r.reader().fail(pp + ": the run " + task + " seed " + p.get("seed").asText() + " is counted twice");
            }
            BigFraction[] v = new BigFraction[2];
            String[] sides = {"large", "small"};
            for (int k = 0; k < 2; k++) {
                JsonNode q = in.required(p, pp, sides[k], FIX);
                if (!measure.equals(q.path("q").asText())) {
                    throw in.error(pp + "." + sides[k] + ".q", "is not the test's measure " + measure, "pair values of one measure");
                }
                if (!nets.add(q.path("net").asText())) {
                    r.reader().fail(pp + "." + sides[k] + ": network " + q.path("net").asText() + " is used twice");
                }
                BigFraction[] x = r.quantity(q, pp + "." + sides[k]);
                mismatch |= x == null;
                v[k] = x == null ? null : x[0];
            }
            values.add(new Pair(task, v[0], v[1]));
        }
        if (mismatch) {
            return; // a recorded value was wrong: already a failure
        }
        JsonNode recomputed = result(values);
        JsonNode recorded = in.required(c, path, "result", FIX);
        if (!same(recomputed, recorded)) {
            r.reader().fail(path + ": the recorded result is not the test of the recomputed values, which gives " + summary(recomputed));
        }
    }

    /** One run: its task and the measure at the large- and the small-batch end point. */
    record Pair(String task, BigFraction large, BigFraction small) {
    }

    static ObjectNode result(List<Pair> pairs) {
        ObjectNode o = counts(pairs);
        List<BigFraction> d = new ArrayList<>();
        List<BigFraction> rel = new ArrayList<>();
        for (Pair p : pairs) {
            BigFraction diff = p.large().subtract(p.small());
            d.add(diff);
            if (!Q.isZero(p.small())) {
                rel.add(diff.divide(p.small().abs()));
            }
        }
        d.sort(null);
        rel.sort(null);
        o.put("median_difference", Q.format(median(d)));
        int total = d.size();
        int best = 0;
        BigFraction coverage = null;
        for (int r = 1; 2 * r <= total; r++) {
            BigFraction below = BigFraction.ZERO;
            for (int j = 0; j < r; j++) {
                below = below.add(probability(total, j));
            }
            BigFraction c = BigFraction.ONE.subtract(below.multiply(2));
            if (c.compareTo(COVERAGE) >= 0) {
                best = r;
                coverage = c;
            }
        }
        if (best == 0) {
            o.putNull("median_ci");
        } else {
            ObjectNode ci = o.putObject("median_ci");
            ci.put("lo", Q.format(d.get(best - 1)));
            ci.put("hi", Q.format(d.get(total - best)));
            ci.put("coverage", Q.format(coverage));
        }
        ObjectNode e = o.putObject("effect_size");
        if (rel.isEmpty()) {
            e.putNull("median_relative_difference");
        } else {
            e.put("median_relative_difference", Q.format(median(rel)));
        }
        int n = o.get("seeds").asInt();
        int k = o.get("large_sharper").asInt();
        e.put("sign_effect", Q.format(n == 0 ? BigFraction.ZERO : Q.of(2 * k - n, n)));
        Map<String, List<Pair>> byTask = new LinkedHashMap<>();
        for (Pair p : pairs) {
            byTask.computeIfAbsent(p.task(), t -> new ArrayList<>()).add(p);
        }
        ObjectNode tasks = o.putObject("by_task");
        byTask.forEach((t, ps) -> tasks.set(t, counts(ps)));
        return o;
    }

    /** runs, ties, seeds (= n), large_sharper (= k), both p-values and the verdict. */
    private static ObjectNode counts(List<Pair> pairs) {
        int up = 0;
        int down = 0;
        for (Pair p : pairs) {
            int s = p.large().compareTo(p.small());
            up += s > 0 ? 1 : 0;
            down += s < 0 ? 1 : 0;
        }
        int n = up + down;
        BigFraction atLeast = BigFraction.ZERO;
        BigFraction atMost = BigFraction.ZERO;
        for (int j = 0; j <= n; j++) {
            BigFraction pj = probability(n, j);
            atLeast = j >= up ? atLeast.add(pj) : atLeast;
            atMost = j <= up ? atMost.add(pj) : atMost;
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("runs", pairs.size());
        o.put("ties", pairs.size() - n);
        o.put("seeds", n);
        o.put("large_sharper", up);
        o.put("p_value", Q.format(atLeast));
        o.put("p_value_large_flatter", Q.format(atMost));
        o.put("verdict", atLeast.compareTo(LEVEL) < 0 ? "SUPPORTED" : atMost.compareTo(LEVEL) < 0 ? "NOT_SUPPORTED" : "INCONCLUSIVE");
        return o;
    }

    /** {@code P(K = j)} for {@code K ~ Bin(n, ½)}: {@code n! / (j!(n−j)!) / 2ⁿ}. */
    private static BigFraction probability(int n, int j) {
        BigInteger c = factorial(n).divide(factorial(j).multiply(factorial(n - j)));
        return Q.of(c, BigInteger.TWO.pow(n));
    }

    private static BigInteger factorial(int m) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= m; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    private static BigFraction median(List<BigFraction> sorted) {
        int m = sorted.size();
        if (m == 0) {
            return BigFraction.ZERO;
        }
        BigFraction a = sorted.get((m - 1) / 2);
        BigFraction b = sorted.get(m / 2);
        return a.add(b).divide(2);
    }

    /**
     * JSON equality with numbers compared by value: a certificate read from a file holds its integers as
     * big-integer nodes, the recomputed result as int nodes.
     */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (var it = a.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!same(a.get(k), b.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** One line: the counts and the verdict of a result. */
    static String summary(JsonNode r) {
        return r.get("large_sharper").asText() + " of " + r.get("seeds").asText() + " pairs larger, p = " + r.get("p_value").asText()
                + ", " + r.get("verdict").asText();
    }
}
