package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.WorkCount;
import org.flatcheck.network.Network;

/**
 * An upper estimate, before anything is recomputed, of the work a certificate asks of the checker, in
 * word operations: every recomputation is a number of rational operations (jets along coordinate
 * directions: parameters × edges × points; a loss or output: edges × points; a rank: rows × columns ×
 * min(rows, columns); a box volume: the square of the box's total size) times the cost of one operation,
 * which grows with the size of the numbers — the bits of the network's weights, multiplied along its
 * depth, plus the data's, in 64-bit words. A certificate above the limit is refused at once (exit 4)
 * instead of running for minutes: counting parameters alone let 64-bit weights or a 6 MB box through.
 */
final class CheckCost {
    /** The default limit, about 1.6 times the largest certificate flatcheck writes (the empirical claim's, about a minute of CPU). */
    static final long DEFAULT_LIMIT = 1_000_000_000L;

    /** The classes of work of recomputing a quantity, each estimated its own way ({@link QuantityHandler#work}). */
    enum Work {
        /** The loss's jets along every coordinate direction, once per network and dataset: parameters × edges × points. */
        COORDINATE_JETS,
        /** One jet per basis path, plus the path enumeration that checks the section. */
        PSI,
        /** A rank: rows × columns × min(rows, columns). */
        RANK,
        /** The coordinate jets, then a parameters × parameters Gram matrix and its elimination: parameters²·(parameters + points). */
        GRAM_SOLVE,
        /** A product of the box's widths: the square of the box's size. */
        BOX_VOLUME,
        /** The work of the terms. */
        SUM,
        /** A forward pass or jet per data point (edges × points), plus reading the quantity's numbers. */
        PER_POINT
    }

    private final CertificateReader v;
    private final Set<String> jets = new HashSet<>();
    private long total;

    private CheckCost(CertificateReader v) {
        this.v = v;
    }

    /** The estimated work of {@code checks}, in word operations. */
    static long of(CertificateReader v, List<JsonNode> checks) {
        CheckCost c = new CheckCost(v);
        for (JsonNode check : checks) {
            c.check(check);
        }
        return c.total;
    }

    private void check(JsonNode c) {
        CheckKind kind = CheckKind.fromWire(c.path("check").asText()).orElse(null);
        if (kind == null) {
            add(size(c));
            return;
        }
        switch (kind) {
            case RELATION -> {
                quantity(c.path("lhs"));
                quantity(c.path("rhs"));
            }
            case SIGN_TEST -> c.path("pairs").forEach(p -> {
                quantity(p.path("large"));
                quantity(p.path("small"));
            });
            case SAME_PATH_VALUES -> {
                add(WorkCount.times(paths(net(c.path("a"))), words(net(c.path("a")))));
                add(WorkCount.times(paths(net(c.path("b"))), words(net(c.path("b")))));
            }
            case EXPONENT_IDENTITY -> add(WorkCount.times(paths(net(c.path("net"))), Math.max(1, c.path("basis").size()), words(net(c.path("net")))));
            case GROUP_IMAGE, IN_KESKAR_BOX, IN_BOX -> add(size(c));
        }
    }

    private void quantity(JsonNode q) {
        Network n = net(q.path("net"));
        Dataset d = v.datasetNamed(q.path("data").asText());
        long points = d == null ? 1 : d.size();
        long edges = n == null ? 1 : n.edges().size();
        long p = n == null ? 1 : n.numParameters();
        long words = words(n) + (d == null ? 0 : dataWords(d));
        Work work = QuantityKind.fromWire(q.path("q").asText()).map(QuantityHandler::work).orElse(Work.PER_POINT);
        switch (work) {
            case COORDINATE_JETS -> {
                // one set of coordinate jets per (network, dataset) — the checker computes them once
                if (jets.add(q.path("net").asText() + "\u0000" + q.path("data").asText())) {
                    add(WorkCount.times(p, edges, points, words, words));
                }
            }
            case PSI -> {
                add(WorkCount.times(Math.max(1, q.path("basis").size()), edges, points, words, words));
                add(WorkCount.times(paths(n), words));
            }
            case GRAM_SOLVE -> add(WorkCount.times(p, p, p + points, words, words));
            case RANK -> {
                long rows = q.has("paths") ? q.path("paths").size() : paths(n);
                add(WorkCount.times(rows, p, Math.min(rows, p), words));
            }
            case BOX_VOLUME -> {
                long w = size(q) / 8 + 1;
                add(WorkCount.times(w, w));
            }
            case SUM -> q.path("terms").forEach(this::quantity);
            case PER_POINT -> {
                add(WorkCount.times(edges, points, words, words));
                add(size(q));
            }
        }
    }

    private Network net(JsonNode name) {
        return name.isTextual() ? v.networkNamed(name.asText()) : null;
    }

    /** The 64-bit words of the network's numbers after its depth of multiplications. */
    private static long words(Network n) {
        if (n == null) {
            return 1;
        }
        long bits = 1;
        for (BigFraction w : n.parameters()) {
            bits = Math.max(bits, Math.max(w.getNumerator().bitLength(), w.getDenominator().bitLength()));
        }
        long depth = n.depth() + 1;
        return Math.max(1, bits * depth / 64 + 1);
    }

    private static long dataWords(Dataset d) {
        long bits = 1;
        for (int i = 0; i < d.size(); i++) {
            for (BigFraction x : d.input(i)) {
                bits = Math.max(bits, Math.max(x.getNumerator().bitLength(), x.getDenominator().bitLength()));
            }
        }
        return bits / 64 + 1;
    }

    /** The number of paths of {@code n}, counted (not listed), capped. */
    private static long paths(Network n) {
        if (n == null) {
            return 1;
        }
        BigInteger c = CheckerPaths.pathCount(n, true);
        if (c.compareTo(BigInteger.valueOf(CheckerPaths.MAX_PATHS)) > 0) {
            throw new CertificateVerifier.TooLarge("network " + n.name() + " has " + c
                    + " paths; the checker enumerates at most " + CheckerPaths.MAX_PATHS);
        }
        return c.longValueExact();
    }

    /** The characters of a JSON value: a bound on the work of reading and multiplying its numbers. */
    private static long size(JsonNode x) {
        return x.toString().length();
    }

    private void add(long work) {
        total = WorkCount.plus(total, work);
    }
}
