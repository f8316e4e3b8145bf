package org.flatcheck.bounds;

import java.util.Map;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * A term of a generalization bound from the literature (docs/definitions.md §bounds), evaluated at a network's parameters
 * on a training set: its value is {@link BoundValue.Numeric numeric} (exact inputs, BigDecimal
 * transcendental steps, stated precision) or {@link BoundValue.Undefined undefined} with the reason.
 *
 * <p>Contract: {@link #citation()} names the paper and the equation or theorem the term comes from, and
 * {@link #sourceNote()} states, in plain words, the source of the formula and its constants and every reading
 * flatcheck makes (a setting the paper does not cover, a constant it leaves open); {@link #verdict} declares, per symmetry, whether the value is invariant — proved in
 * {@code proofs/bounds.md} and checked by {@code BoundTermProperties} (INVARIANT: 300 random cases per
 * symmetry; NOT_INVARIANT: a concrete counterexample).
 */
public interface BoundTerm {
    /** A stable identifier, e.g. {@code g24-path-l1}. */
    String id();

    /** Paper and equation/theorem number. */
    String citation();

    /** The formula in plain math. */
    String formula();

    /** What the term does with biases. */
    String biases();

    /** The source of the formula and its constants, and flatcheck's readings of it. */
    String sourceNote();

    /** The declared invariance under {@code symmetry}. */
    Verdict verdict(Symmetry symmetry);

    /** Which symmetries the term can be evaluated under (layer scaling and permutations need a layered network). */
    default boolean appliesTo(Network net, Symmetry symmetry) {
        return symmetry.actsOn(net);
    }

    /**
     * Whether the term needs the exact Hessian (P² entries), so that {@code bounds} skips it above
     * {@code --max-hessian-params} instead of exhausting memory.
     */
    default boolean needsHessian() {
        return false;
    }

    /**
     * Whether the term needs the weight matrices' exact spectral norms, so that {@code bounds} skips it when
     * their estimated work ({@link #spectralNormWork}) is above {@code --max-charpoly-work}.
     */
    default boolean needsSpectralNorms() {
        return false;
    }

    /** The estimated work of the spectral norms of {@code net}'s weight matrices, from sizes and bit lengths. */
    static long spectralNormWork(Network net) {
        return Inputs.spectralNormWork(net);
    }

    /** The value at the network's parameters on {@code data} (the training set, n = its size). */
    BoundValue compute(Network net, Dataset data, BoundOptions options);

    /**
     * Exact inputs of the value (rational, or algebraic and certified), by name, for display and checks.
     * Contract: each is itself invariant under every symmetry this term declares INVARIANT, so the
     * property suite compares them exactly; terms whose exact inputs are not (per-layer spectral norms
     * under layer scaling) return fewer or none.
     */
    default Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        return Map.of();
    }
}
