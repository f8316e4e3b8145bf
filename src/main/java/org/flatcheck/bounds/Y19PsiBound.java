package org.flatcheck.bounds;

import java.util.Map;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.PsiMeasures;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;

/**
 * NOT AVAILABLE. The PSI-flatness generalization bound of Yi, Meng, Chen, Ma, Liu 2019 (arXiv 1903.02237).
 * The stored copy of the paper could be read only up to its abstract, which says that the bound decreases
 * with the ratio {@code max_b |v_b| / min_b |v_b|} of basis-path values; the bound's exact form, constants
 * and equation number could not be read, so flatcheck prints the term as not available (an undefined
 * value with that reason) instead of guessing, and lists the stated ingredient — the catalog's
 * {@code psi-ratio}, exact — under its exact inputs.
 *
 * <p>The declared verdicts are those of that ingredient, which the property suite checks exactly:
 * invariant under node rescaling and layer scaling (basis-path values are path values), not invariant
 * under permutations with an index-tied skeleton (MATH §4; proofs/bounds.md §5).
 */
public final class Y19PsiBound implements BoundTerm {
    static final String NOT_AVAILABLE = "not available: the paper's exact bound could not be read (the stored copy of "
            + "arXiv 1903.02237 gives only the abstract, which says the bound decreases with max_b|v_b| / min_b|v_b| over "
            + "basis paths); that ingredient (psi-ratio) is listed under the exact inputs";

    @Override
    public String id() {
        return "y19-psi-bound";
    }

    @Override
    public String citation() {
        return "Yi, Meng, Chen, Ma, Liu 2019 (arXiv 1903.02237), generalization bound via PSI-flatness (equation not readable)";
    }

    @Override
    public String formula() {
        return "not available; stated ingredient: max_b |v_b| / min_b |v_b| over basis paths (psi-ratio, skeleton option)";
    }

    @Override
    public String biases() {
        return "as psi-ratio: bias edges are edges of the DAG (paths from the constant-1 source)";
    }

    @Override
    public String sourceNote() {
        return "Only the abstract of [Y19] could be read here; the bound itself is therefore not printed.";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return s == Symmetry.PERMUTATION ? Verdict.NOT_INVARIANT : Verdict.INVARIANT;
    }

    @Override
    public BoundValue compute(Network net, Dataset data, BoundOptions options) {
        return new BoundValue.Undefined(NOT_AVAILABLE);
    }

    @Override
    public Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        return Map.of("psi-ratio", new PsiMeasures.Ratio().compute(net, data, options.measureOptions()));
    }
}
