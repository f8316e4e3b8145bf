package org.flatcheck.measures;

import java.util.Map;
import java.util.Optional;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * A flatness or sharpness measure of a network at its parameters θ, on a dataset (docs/definitions.md §measures). Measures
 * are found with {@link java.util.ServiceLoader} ({@link Catalog}), so a measure in a user's own jar,
 * listed in {@code META-INF/services/org.flatcheck.measures.FlatnessMeasure}, joins the catalog.
 *
 * <p>Contract: {@link #compute} is exact or certified ({@link Value}); {@link #verdict} declares, per
 * symmetry, whether the value is invariant — a declaration that {@code InvarianceCheck} and the
 * property suite verify or refute with an exact counterexample. A new measure is one class: its
 * {@link Metadata}, its computation and its verdicts, with the formula and its source in its Javadoc.
 */
public interface FlatnessMeasure {
    /** What the measure is: id, citation, formula, cost class, whether it reads data. */
    Metadata metadata();

    /** Shorthand for {@code metadata().id()}, e.g. {@code hessian-trace}. */
    default String id() {
        return metadata().id();
    }

    /**
     * The value at the network's parameters, with the settings {@code options} (measures without settings
     * ignore them); {@code data} may be null if the measure does not read data ({@link Metadata#needsData}).
     */
    Value compute(Network net, Dataset data, Options options);

    /**
     * The declared invariance under {@code symmetry} when computed with {@code options}: an exhaustive
     * {@code switch} over {@link Symmetry}, so that a new group fails the build where a decision is owed. A
     * measure whose invariance depends on a setting (relative flatness of the first weight layer is
     * invariant under node rescaling, of a later one it is not) reads it from {@code options}.
     */
    Verdict verdict(Symmetry symmetry, Options options);

    /** Which symmetries this measure can be evaluated under (e.g. layer scaling needs a layered network). */
    default boolean appliesTo(Network net, Symmetry symmetry) {
        return symmetry.actsOn(net);
    }

    /**
     * What computing the value costs ({@link Metadata#cost}), so that callers can skip expensive measures on
     * large networks: {@code audit} skips HESSIAN measures above {@code --max-hessian-params}, SPECTRUM ones
     * above {@code --max-spectrum-params} and CHARPOLY ones above {@code --max-charpoly-params}; CHEAP ones
     * always run.
     */
    enum Cost {
        /** Linear or near-linear in the parameters (path norms, ratios). */
        CHEAP,
        /** Needs the P × P Hessian or another matrix with P columns (Jacobians over the data). */
        HESSIAN,
        /**
         * Needs certified eigenvalues of a P × P matrix: exact algebraic numbers (characteristic polynomial,
         * O(P⁴)) up to {@code Local.EXACT_SPECTRUM_PARAMS}, certified enclosures (O(P³)) above.
         */
        SPECTRUM,
        /** Needs the exact characteristic polynomial of a P × P matrix (pseudo-determinant; O(P⁴)). */
        CHARPOLY
    }

    /** Optional per-layer breakdown (label → value), e.g. trace per weight layer. */
    default Optional<Map<String, Value>> perLayer(Network net, Dataset data) {
        return Optional.empty();
    }
}
