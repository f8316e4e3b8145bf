package org.flatcheck.invariance;

import java.util.stream.Stream;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.testing.InvarianceContract;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in measure's NOT_INVARIANT declarations are backed by a counterexample the search finds
 * (and re-verifies); the INVARIANT declarations are checked by {@link CatalogInvarianceProperties}.
 */
class CatalogInvarianceTest {
    @TestFactory
    Stream<DynamicTest> everyNonInvarianceHasACounterexample() {
        return Catalog.load().all().stream().map(m -> DynamicTest.dynamicTest(m.id(), () -> contract(m)
                .nonInvariantVerdictsHaveACounterexample()));
    }

    static InvarianceContract contract(FlatnessMeasure m) {
        return () -> m;
    }
}
