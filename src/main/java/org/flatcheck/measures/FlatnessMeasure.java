package org.flatcheck.measures;

import java.util.Optional;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;

/**
 * A flatness or sharpness measure of a network at its parameters θ, on a dataset (docs/definitions.md §measures). Measures
 * are found with {@link java.util.ServiceLoader} ({@link Catalog}), so a measure in a user's own jar,
 * listed in {@code META-INF/services/org.flatcheck.measures.FlatnessMeasure}, joins the catalog.
 *
 * <p>Contract: {@link #compute} is exact or certified ({@link Value}); {@link #verdict} declares, per
 * symmetry, whether the value is invariant — a declaration that {@code InvarianceCheck} and the
 * property suite verify or refute with an exact counterexample.
 */
public interface FlatnessMeasure {
    /** A stable identifier, e.g. {@code hessian-trace}. */
    String id();

    /** The source, e.g. {@code Dinh et al. 2017, §4}. */
    String citation();

    /** The formula in plain math, e.g. {@code tr ∇²L(θ)}. */
    String formula();

    /** Whether the value needs a dataset (most do; path norms do not). */
    default boolean needsData() {
        return true;
    }

    /** The value at the network's parameters; {@code data} may be null if {@link #needsData()} is false. */
    Value compute(Network net, Dataset data);

    /** As {@link #compute(Network, Dataset)} with settings ({@link Options}); measures without any ignore them. */
    default Value compute(Network net, Dataset data, Options options) {
        return compute(net, data);
    }

    /** The declared invariance under {@code symmetry}. */
    Verdict verdict(Symmetry symmetry);

    /**
     * The declared invariance under {@code symmetry} when computed with {@code options}; a measure whose
     * invariance depends on a setting (relative flatness of the first weight layer is invariant under node
     * rescaling, of a later one it is not) overrides this. The audit and the checks use this form.
     */
    default Verdict verdict(Symmetry symmetry, Options options) {
        return verdict(symmetry);
    }

    /** Which symmetries this measure can be evaluated under (e.g. layer scaling needs a layered network). */
    default boolean appliesTo(Network net, Symmetry symmetry) {
        return symmetry == Symmetry.NODE_RESCALING || net.isLayered();
    }

    /** What computing the value costs, so that callers can skip expensive measures on large networks. */
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

    /**
     * The cost class of {@link #compute}; {@code audit} skips HESSIAN measures above
     * {@code --max-hessian-params}, SPECTRUM ones above {@code --max-spectrum-params} and CHARPOLY ones above
     * {@code --max-charpoly-params}. A measure
     * that needs the Hessian should override this (the default, CHEAP, is never skipped).
     */
    default Cost cost() {
        return Cost.CHEAP;
    }

    /** Optional per-layer breakdown (label → value), e.g. trace per weight layer. */
    default Optional<java.util.Map<String, Value>> perLayer(Network net, Dataset data) {
        return Optional.empty();
    }
}
