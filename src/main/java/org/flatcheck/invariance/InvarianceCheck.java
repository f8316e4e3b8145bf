package org.flatcheck.invariance;

import java.util.Optional;
import java.util.Random;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Tests one measure against one symmetry: evaluates it at θ and at g(θ) for seeded random networks,
 * datasets and group elements, and reports {@link Verdict#NOT_INVARIANT} with a counterexample as
 * soon as the two values are provably different (exact values, or algebraic numbers compared exactly,
 * or disjoint certified intervals — never decimals), re-verified and shrunk ({@link Shrinker}); else
 * {@link Verdict#INVARIANT} with the number of tries in which both values were defined.
 */
public final class InvarianceCheck {
    /** Default number of candidate counterexamples the shrinker re-evaluates ({@code --shrink-steps}). */
    public static final int DEFAULT_SHRINK_STEPS = 1500;

    private final FlatnessMeasure measure;
    private final Symmetry symmetry;
    private final Options options;
    private final int shrinkSteps;

    public InvarianceCheck(FlatnessMeasure measure, Symmetry symmetry, Options options) {
        this(measure, symmetry, options, DEFAULT_SHRINK_STEPS);
    }

    /**
     * A check whose shrinking stops after {@code shrinkSteps} re-evaluated candidates. Every budget is a
     * count: the same seed and counts give the same verdict and the same counterexample on every machine,
     * however fast or loaded (a wall-clock limit would make the printed counterexample depend on the load).
     */
    public InvarianceCheck(FlatnessMeasure measure, Symmetry symmetry, Options options, int shrinkSteps) {
        if (shrinkSteps < 0) {
            throw new IllegalArgumentException("shrinkSteps must be non-negative, got " + shrinkSteps);
        }
        this.measure = measure;
        this.symmetry = symmetry;
        this.options = options;
        this.shrinkSteps = shrinkSteps;
    }

    int shrinkSteps() {
        return shrinkSteps;
    }

    /**
     * The outcome: a verdict, the tries whose two values were provably equal, and the smallest
     * counterexample; {@code inconclusive} counts tries whose values were neither provably equal nor
     * provably different (overlapping certified intervals).
     */
    public record Result(Verdict verdict, int tries, Counterexample counterexample, int inconclusive) {
        public Result(Verdict verdict, int tries, Counterexample counterexample) {
            this(verdict, tries, counterexample, 0);
        }
    }

    /** Random small layered networks with random group elements. */
    public Result search(long seed, int tries) {
        Random rnd = new Random(seed);
        int compared = 0;
        for (int t = 0; t < tries; t++) {
            Network net = RandomCases.network(rnd);
            Dataset data = measure.metadata().needsData() ? RandomCases.data(rnd, net) : null;
            GroupElement g = RandomCases.element(rnd, net, symmetry);
            if (g == null || !measure.appliesTo(net, symmetry)) {
                continue;
            }
            Outcome o = compare(net, data, g);
            compared += o.compared ? 1 : 0;
            if (o.counterexample.isPresent()) {
                return new Result(Verdict.NOT_INVARIANT, compared, new Shrinker(this).shrink(o.counterexample.get()));
            }
        }
        return new Result(Verdict.INVARIANT, compared, null);
    }

    /** Random group elements acting on the given network and dataset. */
    public Result searchOn(Network net, Dataset data, long seed, int tries) {
        Random rnd = new Random(seed);
        int compared = 0;
        if (!measure.appliesTo(net, symmetry)) {
            return new Result(Verdict.INVARIANT, 0, null);
        }
        int inconclusive = 0;
        for (int t = 0; t < tries; t++) {
            GroupElement g = RandomCases.element(rnd, net, symmetry);
            if (g == null) {
                continue;
            }
            Outcome o = compare(net, data, g);
            compared += o.equal ? 1 : 0;
            inconclusive += o.compared && !o.equal && o.counterexample.isEmpty() ? 1 : 0;
            if (o.counterexample.isPresent()) {
                Counterexample c = o.counterexample.get();
                return new Result(Verdict.NOT_INVARIANT, compared, net.isLayered() ? new Shrinker(this).shrink(c) : c,
                        inconclusive);
            }
        }
        return new Result(Verdict.INVARIANT, compared, null, inconclusive);
    }

    /** {@code compared}: both values defined; {@code equal}: provably equal. */
    record Outcome(boolean compared, boolean equal, Optional<Counterexample> counterexample) {
        Outcome(boolean compared, Optional<Counterexample> counterexample) {
            this(compared, false, counterexample);
        }
    }

    /** Evaluates at θ and g(θ); a counterexample only if the two are provably different. */
    Outcome compare(Network net, Dataset data, GroupElement g) {
        Value before;
        Value after;
        Network moved;
        try {
            before = measure.compute(net, data, options);
            moved = g.apply(net);
            after = measure.compute(moved, data, options);
        } catch (org.flatcheck.calculus.KinkException e) {
            return new Outcome(false, Optional.empty());
        }
        if (before instanceof Value.Undefined || after instanceof Value.Undefined) {
            return new Outcome(false, Optional.empty());
        }
        boolean different = before.provablyDifferent(after);
        return new Outcome(true, !different && before.provablyEqual(after), different
                ? Optional.of(new Counterexample(measure.id(), net, data, g, before, after)) : Optional.empty());
    }

    FlatnessMeasure measure() {
        return measure;
    }

    Symmetry symmetry() {
        return symmetry;
    }
}
