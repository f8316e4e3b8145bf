package org.flatcheck.invariance;

import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.testing.InvarianceContract;

/**
 * The contract under options that change a verdict: relative flatness with {@code layer = 0} is invariant
 * under node rescaling (the inputs feed the chosen layer and no rescaling touches them), so the contract
 * must check that invariance with those options — not search for a counterexample that cannot exist, as
 * it did when it read the options-free verdict.
 */
class RelativeFlatnessLayerZeroContractTest implements InvarianceContract {
    @Override
    public FlatnessMeasure measure() {
        return Catalog.load().get("relative-flatness").orElseThrow();
    }

    @Override
    public Options options() {
        return Options.DEFAULTS.withLayer(0);
    }
}
