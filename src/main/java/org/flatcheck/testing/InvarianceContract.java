package org.flatcheck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.flatcheck.invariance.Counterexample;
import org.flatcheck.invariance.InvarianceCheck;
import org.flatcheck.io.DatasetJson;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * The invariance contract of a {@link FlatnessMeasure}, as a jqwik test interface (jqwik and JUnit 5 are
 * optional dependencies of flatcheck: add {@code net.jqwik:jqwik} to your test scope): implement it in a
 * test class, return your measure from {@link #measure()}, and every verdict it declares under
 * {@link #options()} ({@code verdict(s, options)}) is checked —
 * for each symmetry declared INVARIANT, 300 random networks, datasets and group elements must leave
 * the value provably unchanged (exact values equal; certified intervals never disjoint); for each
 * declared NOT_INVARIANT, flatcheck's search must find an exact, re-verified counterexample among
 * 300 seeded random networks (counts and a seed, never time: the outcome is the same on every machine).
 * A failure prints the network, the moved network and the dataset as flatcheck JSON files, and the
 * commands that recompute both values.
 *
 * <pre>{@code
 * class MyMeasureContractTest implements InvarianceContract {
 *     public FlatnessMeasure measure() { return new MyMeasure(); }
 * }
 * }</pre>
 */
public interface InvarianceContract {
    /** The measure under test. */
    FlatnessMeasure measure();

    /** Settings passed to the measure (defaults unless overridden). */
    default Options options() {
        return Options.DEFAULTS;
    }

    /** Networks (layered, up to 3 weight layers × 3 units, biases or not), datasets and group elements. */
    @Provide
    default Arbitrary<Case> cases() {
        java.util.List<Symmetry> invariant = java.util.Arrays.stream(Symmetry.values())
                .filter(s -> measure().verdict(s, options()) == Verdict.INVARIANT).toList();
        if (invariant.isEmpty()) {
            return net.jqwik.api.Arbitraries.just(null);
        }
        return Generators.networksWithData(Generators.layered(3, 3)).flatMap(c -> Generators.elements(c.net(), invariant)
                .map(g -> new Case(c.net(), c.data(), g)));
    }

    @Property(tries = 300)
    default void invariantVerdictsHold(@ForAll("cases") Case c) {
        if (c == null) {
            return; // no symmetry is declared invariant: nothing to check
        }
        Symmetry s = c.element().symmetry();
        Assume.that(measure().verdict(s, options()) == Verdict.INVARIANT && measure().appliesTo(c.net(), s));
        Value before = measure().compute(c.net(), c.data(), options());
        Value after = measure().compute(c.element().apply(c.net()), c.data(), options());
        Statistics.label("value").collect(before.getClass().getSimpleName());
        assertFalse(before.provablyDifferent(after), () -> measure().id() + " changed under " + c.element().describe(c.net())
                + ": " + before.describe() + " → " + after.describe() + "\n" + c.reproduction(measure().id()));
        if (before instanceof Value.Exact || before instanceof Value.Numeric) {
            assertTrue(before.provablyEqual(after), () -> "exact values are equal\n" + c.reproduction(measure().id()));
        }
    }

    @Example
    default void nonInvariantVerdictsHaveACounterexample() {
        for (Symmetry s : Symmetry.values()) {
            if (measure().verdict(s, options()) != Verdict.NOT_INVARIANT) {
                continue;
            }
            InvarianceCheck.Result r = new InvarianceCheck(measure(), s, options()).search(42, 300);
            assertEquals(Verdict.NOT_INVARIANT, r.verdict(), measure().id() + " under " + s + ": no counterexample");
            Counterexample c = r.counterexample();
            assertNotNull(c);
            Value before = measure().compute(c.net(), c.data(), options());
            Value after = measure().compute(c.element().apply(c.net()), c.data(), options());
            assertTrue(before.provablyDifferent(after), "the counterexample re-verifies");
        }
    }

    /** A network, its dataset, and a group element acting on it. */
    record Case(org.flatcheck.network.Network net, org.flatcheck.calculus.Dataset data, GroupElement element) {
        @Override
        public String toString() {
            return net + " on " + data + ", " + element.describe(net);
        }

        /**
         * How to recompute both values with the command line: the network, the moved network and the
         * dataset as files, and the two {@code audit} commands (plug-in measures on {@code FLATCHECK_CLASSPATH}).
         */
        public String reproduction(String measureId) {
            return "net.json:\n" + NetworkJson.toJson(net) + "moved.json (" + element.describe(net) + "):\n"
                    + NetworkJson.toJson(element.apply(net)) + "data.json:\n" + DatasetJson.toJson(data)
                    + "reproduce: flatcheck audit --net net.json --data data.json --only " + measureId
                    + "; flatcheck audit --net moved.json --data data.json --only " + measureId + "\n";
        }
    }
}
