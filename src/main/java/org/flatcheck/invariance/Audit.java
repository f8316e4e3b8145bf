package org.flatcheck.invariance;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Every measure × every symmetry on one network: the measure's value at θ, and per symmetry a verdict
 * backed by evidence. A NOT_INVARIANT verdict comes with the smallest counterexample found — by the
 * seeded search over small random networks (shrunk), else by random group elements acting on the given
 * network. An INVARIANT verdict reports how many group elements left the value provably unchanged on
 * the given network, and how many gave overlapping certified intervals (not refuted, not confirmed). Evidence overrides a declaration: a counterexample to a declared invariance is reported
 * (and marked as a refuted declaration), as is a declared non-invariance without a counterexample.
 */
public final class Audit {
    private Audit() {
    }

    /** One measure's line of the audit. */
    public record Entry(FlatnessMeasure measure, Value value, Map<Symmetry, Verdict> verdicts,
            Map<Symmetry, Counterexample> counterexamples, Map<Symmetry, Integer> tries,
            Map<Symmetry, Integer> inconclusive, Map<Symmetry, String> problems, Map<String, Value> perLayer) {
        /** Unmodifiable copies that keep the given iteration order (symmetries in declaration order). */
        public Entry {
            verdicts = frozen(verdicts);
            counterexamples = frozen(counterexamples);
            tries = frozen(tries);
            inconclusive = frozen(inconclusive);
            problems = frozen(problems);
            perLayer = frozen(perLayer);
        }

        private static <K, V> Map<K, V> frozen(Map<K, V> m) {
            return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(m));
        }

        /** Whether some declared verdict was contradicted by the evidence (or lacked it). */
        public boolean refuted() {
            return !problems.isEmpty();
        }
    }

    /**
     * The size guards of an audit: measures that need the Hessian are skipped above {@code maxHessianParams}
     * parameters or when the Hessian's work estimate exceeds {@code maxHessianWork} (null: not estimated),
     * SPECTRUM ones above {@code maxSpectrumParams}, CHARPOLY ones above {@code maxCharpolyParams}.
     */
    public record Limits(int maxHessianParams, int maxSpectrumParams, int maxCharpolyParams, Long maxHessianWork) {
        /** The defaults of the {@code audit} command's options, without a work estimate. */
        public static final Limits DEFAULTS = new Limits(MAX_HESSIAN_PARAMS, MAX_SPECTRUM_PARAMS, MAX_CHARPOLY_PARAMS, null);
    }

    /** Runs the audit; {@code data} may be null (data-dependent measures are then undefined). */
    public static List<Entry> run(Catalog catalog, Network net, Dataset data, Options options, Limits limits, long seed, int tries,
            int searchTries, int shrinkSteps, boolean perLayer, Consumer<String> progress) {
        List<Entry> out = new ArrayList<>();
        // the Hessian's work estimate scans the data: once per audit, not once per measure
        String tooMuch = data == null || limits.maxHessianWork() == null ? null
                : org.flatcheck.calculus.HessianCost.refusal(net, data, limits.maxHessianWork(), "--max-hessian-work");
        for (FlatnessMeasure m : catalog.all()) {
            progress.accept(m.id());
            out.add(entry(m, net, data, options, limits, tooMuch, seed, tries, searchTries, shrinkSteps, perLayer));
        }
        return out;
    }

    private static Entry entry(FlatnessMeasure m, Network net, Dataset data, Options options, Limits limits, String tooMuch,
            long seed, int tries, int searchTries, int shrinkSteps, boolean perLayer) {
        String skipped = skipReason(m, net, tooMuch, limits);
        Value value = skipped != null ? new Value.Undefined(skipped)
                : m.metadata().needsData() && data == null ? new Value.Undefined("needs a dataset (--data)")
                : safe(() -> m.compute(net, data, options));
        Map<Symmetry, Verdict> verdicts = new EnumMap<>(Symmetry.class);
        Map<Symmetry, Counterexample> cex = new EnumMap<>(Symmetry.class);
        Map<Symmetry, Integer> counts = new EnumMap<>(Symmetry.class);
        Map<Symmetry, Integer> open = new EnumMap<>(Symmetry.class);
        Map<Symmetry, String> problems = new EnumMap<>(Symmetry.class);
        // Without data, or above the size limits, this network itself is not searched (small ones still are).
        boolean needsMissingData = m.metadata().needsData() && data == null || skipped != null;
        for (Symmetry s : Symmetry.values()) {
            InvarianceCheck check = new InvarianceCheck(m, s, options, shrinkSteps);
            Counterexample found = null;
            int compared = 0;
            int undecided = 0;
            if (m.verdict(s, options) == Verdict.NOT_INVARIANT) {
                // Small random networks give the smallest counterexamples, and quickly; this network is
                // searched only if they give none.
                found = check.search(seed, searchTries).counterexample();
                if (found == null && !needsMissingData) {
                    InvarianceCheck.Result local = check.searchOn(net, data, seed, tries);
                    compared = local.tries();
                    undecided = local.inconclusive();
                    found = local.counterexample();
                }
            } else if (!needsMissingData) {
                InvarianceCheck.Result local = check.searchOn(net, data, seed, tries);
                compared = local.tries();
                undecided = local.inconclusive();
                found = local.counterexample();
            }
            counts.put(s, compared);
            open.put(s, undecided);
            if (found != null) {
                verdicts.put(s, Verdict.NOT_INVARIANT);
                cex.put(s, found);
                if (m.verdict(s, options) == Verdict.INVARIANT) {
                    problems.put(s, "declared INVARIANT, but the counterexample refutes it");
                }
            } else {
                verdicts.put(s, m.verdict(s, options));
                if (m.verdict(s, options) == Verdict.NOT_INVARIANT) {
                    problems.put(s, "declared NOT_INVARIANT, but no counterexample was found within the tries "
                            + "(raise --tries or --search-tries)");
                }
            }
        }
        Map<String, Value> layers = perLayer && data != null && skipped == null ? m.perLayer(net, data).orElse(Map.of()) : Map.of();
        return new Entry(m, value, verdicts, cex, counts, open, problems, layers);
    }

    /** Default of {@code --max-hessian-params} (as for {@code hessian} and {@code bounds}). */
    public static final int MAX_HESSIAN_PARAMS = 3000;
    /** Default of {@code --max-spectrum-params} (as for {@code hessian}: certified enclosures, O(P³)). */
    public static final int MAX_SPECTRUM_PARAMS = 3000;
    /** Default of {@code --max-charpoly-params} (as for {@code hessian}: the exact characteristic polynomial, O(P⁴)). */
    public static final int MAX_CHARPOLY_PARAMS = 200;

    /**
     * Why {@code m} is not computed on {@code net}, or null: HESSIAN measures above the option
     * {@code max-hessian-params}, SPECTRUM ones above {@code max-spectrum-params}, CHARPOLY ones above
     * {@code max-charpoly-params} (the exact characteristic polynomial is O(P⁴)), so that a large imported network degrades to its path-based measures instead of
     * exhausting memory or time; and every measure that needs the Hessian when {@code tooMuch} (the Hessian's
     * work-limit refusal, computed once per audit) is not null.
     */
    static String skipReason(FlatnessMeasure m, Network net, String tooMuch, Limits limits) {
        int p = net.numParameters();
        FlatnessMeasure.Cost cost = m.metadata().cost();
        if (cost != FlatnessMeasure.Cost.CHEAP && p > limits.maxHessianParams()) {
            return "skipped: P = " + p + " parameters > --max-hessian-params " + limits.maxHessianParams();
        }
        if (cost != FlatnessMeasure.Cost.CHEAP && tooMuch != null) {
            return "skipped: " + tooMuch;
        }
        return switch (cost) {
            case CHEAP, HESSIAN -> null;
            case SPECTRUM -> p > limits.maxSpectrumParams()
                    ? "skipped: P = " + p + " parameters > --max-spectrum-params " + limits.maxSpectrumParams() : null;
            case CHARPOLY -> p > limits.maxCharpolyParams()
                    ? "skipped: P = " + p + " parameters > --max-charpoly-params " + limits.maxCharpolyParams() : null;
        };
    }

    private static Value safe(java.util.function.Supplier<Value> compute) {
        try {
            return compute.get();
        } catch (org.flatcheck.calculus.KinkException e) {
            return new Value.Undefined(e.getMessage());
        }
    }
}
