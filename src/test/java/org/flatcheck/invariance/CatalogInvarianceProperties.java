package org.flatcheck.invariance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;
import org.flatcheck.testing.InvarianceContract;

/**
 * Every built-in measure declared INVARIANT under a symmetry stays provably unchanged: 900 cases,
 * each a random network, dataset and element of a random symmetry (so at least ~300 per symmetry),
 * with every measure evaluated on the same objects (their exact computations are shared).
 */
class CatalogInvarianceProperties {
    private static final Catalog CATALOG = Catalog.load();

    @Provide
    Arbitrary<InvarianceContract.Case> cases() {
        return CatalogInvarianceTest.contract(CATALOG.all().get(0)).cases();
    }

    @Property(tries = 900)
    void everyDeclaredInvarianceHolds(@ForAll("cases") InvarianceContract.Case c) {
        Symmetry s = c.element().symmetry();
        Statistics.label("symmetry").collect(s);
        Network moved = c.element().apply(c.net());
        for (FlatnessMeasure m : CATALOG.all()) {
            if (m.verdict(s, Options.DEFAULTS) != Verdict.INVARIANT || !m.appliesTo(c.net(), s)) {
                continue;
            }
            Value before = m.compute(c.net(), c.data(), Options.DEFAULTS);
            Value after = m.compute(moved, c.data(), Options.DEFAULTS);
            assertFalse(before.provablyDifferent(after), m.id() + " changed under " + c.element().describe(c.net())
                    + ": " + before.describe() + " → " + after.describe());
            if (before instanceof Value.Exact || before instanceof Value.Numeric
                    || before instanceof Value.Certified cert && cert.exact() != null) {
                assertTrue(before.provablyEqual(after), m.id() + ": exact values are equal");
            }
        }
    }

    /** Relative flatness of the first weight layer: only the layer's own units move, and they cancel. */
    @Property(tries = 200)
    void relativeFlatnessOfTheFirstLayerIsInvariantUnderEveryRescaling(@ForAll("cases") InvarianceContract.Case c) {
        Options first = Options.DEFAULTS.withLayer(0);
        Network moved = c.element().apply(c.net());
        for (String id : new String[] {"relative-flatness", "relative-flatness-std", "relative-flatness-variance"}) {
            FlatnessMeasure m = CATALOG.get(id).orElseThrow();
            assertTrue(m.verdict(c.element().symmetry(), first) == Verdict.INVARIANT, id);
            Value before = m.compute(c.net(), c.data(), first);
            Value after = m.compute(moved, c.data(), first);
            if (before instanceof Value.Exact) {
                Statistics.label("compared").collect(id);
                assertTrue(before.provablyEqual(after), id + " (layer 0) changed under "
                        + c.element().describe(c.net()) + ": " + before.describe() + " → " + after.describe());
            }
        }
    }
}
