package org.flatcheck.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.LayerScaling;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.symmetry.Symmetry;
import org.flatcheck.testing.Generators;

/**
 * Every bound term's declared verdict, for every symmetry (docs/definitions.md §bounds; tested like the measures). INVARIANT: 300
 * random networks, datasets and group elements per symmetry (shared generators; three in four networks
 * bias-free, since three terms are defined only there); the numeric values must agree to the stated
 * precision (two units in the 30th digit) and every exact input must be provably equal. NOT_INVARIANT:
 * a concrete counterexample per (term, symmetry), re-verified here — the values differ by more than ten
 * units in the last digit, far beyond the numeric error.
 */
class BoundTermProperties {
    private static final List<BoundTerm> TERMS = Bounds.builtIns();
    private static final BoundOptions OPTIONS = BoundOptions.DEFAULTS;

    private static Arbitrary<Network> networks(boolean withDags) {
        Arbitrary<Network> biasFree = Generators.layerSizes(3, 3).flatMap(sizes -> Generators.layered(sizes, false));
        Arbitrary<Network> layered = Arbitraries.frequencyOf(Tuple.of(3, biasFree), Tuple.of(1, Generators.layered(3, 3)));
        return withDags ? Arbitraries.frequencyOf(Tuple.of(5, layered), Tuple.of(1, Generators.dags())) : layered;
    }

    /**
     * Cases whose group is not trivial (at least one hidden unit; for permutations a hidden layer of two or
     * more units), so every try exercises the symmetry it is labelled with.
     */
    private static Arbitrary<Case> cases(Symmetry s) {
        Arbitrary<Network> nets = networks(s == Symmetry.NODE_RESCALING).filter(n -> n.numHidden() > 0
                && (s != Symmetry.PERMUTATION || hasWideHiddenLayer(n)));
        return Generators.networksWithData(nets)
                .flatMap(c -> Generators.elements(c.net(), List.of(s)).map(g -> new Case(c.net(), c.data(), g)));
    }

    private static boolean hasWideHiddenLayer(Network n) {
        int[] sizes = n.layers().orElseThrow();
        for (int l = 1; l + 1 < sizes.length; l++) {
            if (sizes[l] > 1) {
                return true;
            }
        }
        return false;
    }

    @Provide
    Arbitrary<Case> nodeRescalings() {
        return cases(Symmetry.NODE_RESCALING);
    }

    @Provide
    Arbitrary<Case> layerScalings() {
        return cases(Symmetry.LAYER_SCALING);
    }

    @Provide
    Arbitrary<Case> permutations() {
        return cases(Symmetry.PERMUTATION);
    }

    @Property(tries = 900)
    void invariantUnderNodeRescalingWhereDeclared(@ForAll("nodeRescalings") Case c) {
        checkInvariantTerms(c, Symmetry.NODE_RESCALING);
    }

    @Property(tries = 400)
    void invariantUnderLayerScalingWhereDeclared(@ForAll("layerScalings") Case c) {
        checkInvariantTerms(c, Symmetry.LAYER_SCALING);
    }

    @Property(tries = 650)
    void invariantUnderPermutationWhereDeclared(@ForAll("permutations") Case c) {
        checkInvariantTerms(c, Symmetry.PERMUTATION);
    }

    private static void checkInvariantTerms(Case c, Symmetry s) {
        assertEquals(s, c.element().symmetry(), "a non-trivial element of the labelled symmetry");
        Network moved = c.element().apply(c.net());
        for (BoundTerm t : TERMS) {
            if (t.verdict(s) != Verdict.INVARIANT || !t.appliesTo(c.net(), s)) {
                continue;
            }
            BoundValue before = t.compute(c.net(), c.data(), OPTIONS);
            BoundValue after = t.compute(moved, c.data(), OPTIONS);
            Statistics.label(t.id()).collect(before.getClass().getSimpleName());
            String where = t.id() + " under " + c.element().describe(c.net()) + " on " + c.net() + ": ";
            if (before instanceof BoundValue.Numeric a) {
                BoundValue.Numeric b = assertInstanceOf(BoundValue.Numeric.class, after, where + after.describe());
                assertTrue(a.agreesWith(b), where + a.text() + " → " + b.text());
            } else {
                assertInstanceOf(BoundValue.Undefined.class, after, where + before.describe() + " → " + after.describe());
            }
            Map<String, Value> xa = t.exactInputs(c.net(), c.data(), OPTIONS);
            Map<String, Value> xb = t.exactInputs(moved, c.data(), OPTIONS);
            assertEquals(xa.keySet(), xb.keySet());
            xa.forEach((k, v) -> assertTrue(v.provablyEqual(xb.get(k)),
                    where + k + " " + v.describe() + " → " + xb.get(k).describe()));
            if (!xa.isEmpty()) {
                Statistics.label(t.id() + " exact inputs").collect(xa.values().stream().allMatch(v -> v instanceof Value.Exact
                        || v instanceof Value.Numeric) ? "rational" : "other");
            }
            // At least 300 tries per (term, symmetry) with a numeric value.
            Statistics.label(t.id()).coverage(cov -> cov.check("Numeric").count(k -> k >= 300));
        }
    }

    /** Counterexamples, one per NOT_INVARIANT declaration (checked to be complete below). */
    static List<Counterexample> counterexamples() {
        List<Counterexample> out = new ArrayList<>();
        // 1-2-1, W1 = (1, 1)ᵀ, W2 = (1, 1); rescaling h1_0 by 2 gives W1 = (2, 1)ᵀ, W2 = (1/2, 1).
        Network twoUnits = Layered.of("1-2-1", new int[] {1, 2, 1},
                new BigFraction[][][] {{{q(1)}, {q(1)}}, {{q(1), q(1)}}}, null);
        Dataset one = Dataset.of(new BigFraction[][] {{q(1)}}, new BigFraction[][] {{q(0)}});
        GroupElement h10By2 = NodeRescaling.of(Map.of(twoUnits.indexOf("h1_0"), q(2)));
        out.add(new Counterexample("b17-spectral-complexity", twoUnits, one, h10By2));
        out.add(new Counterexample("nbs18-spectral-frobenius", twoUnits, one, h10By2));
        // The independent-reference network (BoundReferenceTest): 2-2-1 without kinks on its data.
        Network ref = BoundReferenceTest.net();
        Dataset refData = BoundReferenceTest.data();
        GroupElement refNode = NodeRescaling.of(Map.of(ref.indexOf("h1_0"), q(2)));
        GroupElement refLayer = LayerScaling.of(q(2), new BigFraction(1, 2));
        for (String id : new String[] {"j20-pacbayes-orig", "j20-pacbayes-mag-orig"}) {
            out.add(new Counterexample(id, ref, refData, refNode));
            out.add(new Counterexample(id, ref, refData, refLayer));
        }
        return out;
    }

    @Example
    void everyNonInvarianceHasAVerifiedCounterexample() {
        List<Counterexample> all = counterexamples();
        for (BoundTerm t : TERMS) {
            for (Symmetry s : Symmetry.values()) {
                boolean listed = all.stream().anyMatch(c -> c.id().equals(t.id()) && c.element().symmetry() == s);
                assertEquals(t.verdict(s) == Verdict.NOT_INVARIANT, listed,
                        t.id() + " under " + s + ": a counterexample is listed exactly when NOT_INVARIANT is declared");
            }
        }
        for (Counterexample c : all) {
            BoundTerm t = Bounds.get(c.id()).orElseThrow();
            Network moved = c.element().apply(c.net());
            BoundValue before = t.compute(c.net(), c.data(), OPTIONS);
            BoundValue after = t.compute(moved, c.data(), OPTIONS);
            String where = c.id() + " under " + c.element().describe(c.net()) + ": ";
            if (before instanceof BoundValue.Numeric a) {
                BoundValue.Numeric b = assertInstanceOf(BoundValue.Numeric.class, after, where);
                assertTrue(a.certainlyDiffersFrom(b), where + a.text() + " → " + b.text());
            } else {
                Map<String, Value> xa = t.exactInputs(c.net(), c.data(), OPTIONS);
                Map<String, Value> xb = t.exactInputs(moved, c.data(), OPTIONS);
                assertTrue(xa.keySet().stream().anyMatch(k -> xa.get(k).provablyDifferent(xb.get(k))),
                        where + "an exact input differs: " + xa + " → " + xb);
            }
        }
    }

    /** The two values quoted in B17SpectralComplexity's Javadoc. */
    @Example
    void spectralComplexityOfTheOneTwoOneExample() {
        Counterexample c = counterexamples().get(0);
        BoundTerm b17 = Bounds.get("b17-spectral-complexity").orElseThrow();
        String before = ((BoundValue.Numeric) b17.compute(c.net(), c.data(), OPTIONS)).text();
        String after = ((BoundValue.Numeric) b17.compute(c.element().apply(c.net()), c.data(), OPTIONS)).text();
        assertTrue(before.startsWith("6.79") && after.startsWith("8.24"), before + " → " + after);
    }

    private static BigFraction q(int k) {
        return new BigFraction(k);
    }

    /** A network, its dataset, and a group element acting on it. */
    record Case(Network net, Dataset data, GroupElement element) {
        @Override
        public String toString() {
            return net + " on " + data + ", " + element.describe(net);
        }
    }

    /** A term, a network with data, and the group element that changes the term's value. */
    record Counterexample(String id, Network net, Dataset data, GroupElement element) {
    }
}
