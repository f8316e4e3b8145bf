package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.paths.PathNorms;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC. The ℓ₁ path-norm Rademacher term of Neyshabur, Tomioka, Srebro 2015 (COLT, "Norm-Based
 * Capacity Control in Neural Networks", the Rademacher bound for ℓ₁ path-regularised networks):
 * {@code 2^d · ‖v‖₁ · max_i ‖x_i‖_∞ · √(2 ln(2D) / n)}, with {@code d} the number of weight layers,
 * {@code D} the input dimension, {@code ‖v‖₁ = Σ_p |v_p|} over the paths from the inputs (exact, O(P),
 * {@link PathNorms}) and {@code n} the number of training points.
 *
 * <p>The dependence on {@code ‖v‖₁}, {@code max‖x‖_∞}, {@code ln D} and {@code n} is the bound's; the constant
 * factor {@code 2^d √2} is flatcheck's reading of the theorem's constant (docs/definitions.md §bounds), and the
 * term says so in its output. Biases: undefined (the paper's paths start at the
 * inputs); {@link G24PathNorm} covers biases. Invariant under all three symmetries: path values are
 * products along paths, in which every node rescaling cancels, and permutations only reorder paths
 * (proofs/bounds.md §1).
 */
public final class N15PathNorm implements BoundTerm {
    @Override
    public String id() {
        return "n15-path-l1-rademacher";
    }

    @Override
    public String citation() {
        return "Neyshabur, Tomioka, Srebro 2015 (COLT), Rademacher complexity of ℓ₁ path-regularised ReLU nets (Thm 1, p = 1, "
                + "path-norm form; constant factor: flatcheck's reading, see source note)";
    }

    @Override
    public String formula() {
        return "2^d · ‖v‖₁ · max_i ‖x_i‖_∞ · √(2 ln(2D) / n); d = weight layers, D = input dimension, ‖v‖₁ = Σ_p |v_p| "
                + "over paths from the inputs (path-norm-l1)";
    }

    @Override
    public String biases() {
        return "undefined for networks with biases ([N15]'s paths start at the inputs); g24-path-l1 covers biases";
    }

    @Override
    public String sourceNote() {
        return "[N15] (arXiv 1503.00036) bound the Rademacher complexity of ReLU networks of bounded ℓ₁ path norm; this "
                + "term follows that bound's dependence on ‖v‖₁, max‖x‖_∞, ln D and n. The constant factor 2^d·√2 is "
                + "flatcheck's reading of the theorem's constant (docs/definitions.md §bounds): compare values of this term "
                + "with one another rather than quote one as [N15]'s number. g24-path-l1 is the path-norm term with the "
                + "constants of a stated theorem and its authors' code.";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public BoundValue compute(Network net, Dataset data, BoundOptions options) {
        if (!net.isLayered()) {
            return new BoundValue.Undefined("[N15]'s bound is for layered networks (d layers); " + net.name() + " is a DAG");
        }
        if (net.hasBiases()) {
            return new BoundValue.Undefined(biases());
        }
        MathContext mc = options.working();
        int d = net.layers().orElseThrow().length - 1;
        BigFraction factor = PathNorms.l1(net, false).multiply(Inputs.maxSupNorm(data)).multiply(BigFraction.TWO.pow(d));
        BigDecimal root = BigMath.sqrt(BigMath.ln(Q.of(2L * net.numInputs()), mc)
                .multiply(BigDecimal.valueOf(2)).divide(BigDecimal.valueOf(data.size()), mc), mc);
        return options.numeric(BigMath.of(factor, mc).multiply(root, mc), "‖v‖₁ and max‖x‖_∞");
    }

    @Override
    public Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("‖v‖₁ (path-norm-l1)", Value.exact(PathNorms.l1(net, false)));
        m.put("max_i ‖x_i‖_∞", Value.exact(Inputs.maxSupNorm(data)));
        return m;
    }
}
