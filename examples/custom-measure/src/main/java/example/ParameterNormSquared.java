package example;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Metadata;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * A user-defined measure: the squared Euclidean norm of the parameters, {@code ‖θ‖² = Σ θₖ²} (the
 * weight-decay term). Rescaling a unit by c multiplies its incoming weights by c and its outgoing ones
 * by 1/c, which changes ‖θ‖² in general, so it is declared NOT_INVARIANT there; permutations only
 * reorder the sum.
 */
public final class ParameterNormSquared implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("parameter-norm-squared",
            "weight decay (an example measure in examples/custom-measure)", "‖θ‖² = Σ θₖ²",
            FlatnessMeasure.Cost.CHEAP).withoutData();

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction x : net.parameters()) {
            s = s.add(x.multiply(x));
        }
        return Value.exact(s);
    }

    @Override
    public Verdict verdict(Symmetry symmetry, Options options) {
        return switch (symmetry) {
            case NODE_RESCALING -> Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.NOT_INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }
}
