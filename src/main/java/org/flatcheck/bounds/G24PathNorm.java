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
 * NUMERIC. The path-norm term of Gonon, Brisebarre, Riccietti, Gribonval 2024 (ICLR, "A path-norm
 * toolkit for modern networks"), Thm 3.1, first part: {@code (4/√n) · C · B · ‖Φ(θ)‖₁} with
 * {@code C = √(D ln((3+2P)K) + ln((3+2P)/(1+P) · (d_in+1) · d_out))}; for networks without max-pooling
 * {@code P = 0}, {@code K = 1}, so {@code C = √(D ln 3 + ln(3 (d_in+1) d_out))}. {@code B = max_i ‖x_i‖_∞},
 * {@code D} the depth (edges on the longest input-to-output path), {@code ‖Φ(θ)‖₁} the ℓ₁ path norm over
 * the paths from the inputs and from every bias (exact, {@link PathNorms}).
 *
 * <p>{@code C} and {@code 4B/√n} are as in the authors' script {@code compute_1st_part_bound_resnets.py} (repository
 * agonon/pathnorm_toolkit, "the 1st part of the generalization bound given in Theorem 3.1"). Biases
 * and DAGs with skip connections are covered natively. Invariant under all three symmetries (bias paths
 * are path values too: proofs/bounds.md §1).
 */
public final class G24PathNorm implements BoundTerm {
    @Override
    public String id() {
        return "g24-path-l1";
    }

    @Override
    public String citation() {
        return "Gonon, Brisebarre, Riccietti, Gribonval 2024 (ICLR), Thm 3.1, first part of the bound (no max-pooling: P = 0, K = 1)";
    }

    @Override
    public String formula() {
        return "(4/√n) · C · B · ‖Φ(θ)‖₁, C = √(D ln 3 + ln(3 (d_in+1) d_out)); B = max_i ‖x_i‖_∞, D = depth (edges), "
                + "‖Φ(θ)‖₁ = Σ_p |v_p| over paths from the inputs and the biases (path-norm-l1-with-biases)";
    }

    @Override
    public String biases() {
        return "included: ‖Φ(θ)‖₁ sums the paths that start at a bias too ([G24]'s path-lifting), and d_in + 1 counts the "
                + "constant-1 input";
    }

    @Override
    public String sourceNote() {
        return "[G24] Thm 3.1 (arXiv 2310.01225), first part of the bound, for networks without max-pooling; C and the "
                + "factor 4·B/√n as in the authors' script compute_1st_part_bound_resnets.py (repository "
                + "agonon/pathnorm_toolkit), with P = 0 max-pooling types and kernel size K = 1. The theorem's loss-dependent "
                + "parts are not applied (flatcheck's loss is the squared error).";
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
        MathContext mc = options.working();
        BigFraction arg = Q.of(3L * (net.numInputs() + 1) * net.numOutputs());
        BigDecimal c2 = BigMath.ln(Q.of(3), mc).multiply(BigDecimal.valueOf(net.depth()))
                .add(BigMath.ln(arg, mc), mc);
        BigFraction factor = PathNorms.l1(net, true).multiply(Inputs.maxSupNorm(data)).multiply(4);
        BigDecimal value = BigMath.of(factor, mc).multiply(BigMath.sqrt(c2.divide(BigDecimal.valueOf(data.size()), mc), mc), mc);
        return options.numeric(value, "‖Φ(θ)‖₁ and max‖x‖_∞");
    }

    @Override
    public Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("‖Φ(θ)‖₁ (path-norm-l1-with-biases)", Value.exact(PathNorms.l1(net, true)));
        m.put("max_i ‖x_i‖_∞", Value.exact(Inputs.maxSupNorm(data)));
        return m;
    }
}
