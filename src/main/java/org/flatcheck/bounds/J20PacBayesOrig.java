package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC. Jiang, Neyshabur, Mobahi, Krishnan, Bengio 2020 (ICLR, "Fantastic Generalization Measures and
 * Where to Find Them"), Appendix C, {@code pacbayes.orig}, eq. (49): {@code ‖θ‖²/(4σ'²) + ln(n/σ') + 10},
 * with σ' the largest σ such that the isotropic perturbation {@code u ~ N(0, σ²I)} raises the training
 * error by at most 0.1. flatcheck uses the loss and its second-order Taylor surrogate,
 * {@code E_u L(θ+u) − L(θ) ≈ ½σ² tr ∇²L}, so {@code σ'² = 0.2 / tr ∇²L} and the term is
 * {@code (5/4) ‖θ‖² tr H + ln n + ½ ln(5 tr H) + 10} — {@code ‖θ‖²} and {@code tr H} exact.
 *
 * <p>This is the isotropic sibling of the catalog's {@code pac-bayes-flatness} (the magnitude-aware
 * {@code 1/σ'²}, eq. (61)); {@link J20PacBayesMagOrig} is the bound built on that one. The
 * equation numbers are those of [J20]'s appendix as numbered in the reference implementation nitarshan/robust-generalization-measures ({@code measures.py}, "# 49"). Verdicts
 * (proofs/bounds.md §4): permutations permute θ and conjugate H; rescalings change ‖θ‖² and tr H.
 */
public final class J20PacBayesOrig implements BoundTerm {
    static final BigFraction THRESHOLD_TWICE = Q.of(1, 5);

    @Override
    public String id() {
        return "j20-pacbayes-orig";
    }

    @Override
    public String citation() {
        return "Jiang et al. 2020 (ICLR), Fantastic Generalization Measures, App. C, pacbayes.orig, eq. (49)";
    }

    @Override
    public String formula() {
        return "‖θ‖²/(4σ'²) + ln(n/σ') + 10, σ'² = 0.2 / tr ∇²L (largest σ with ½σ² tr H ≤ 0.1: second-order surrogate of "
                + "E_u L(θ+u) − L(θ), u ~ N(0, σ²I))";
    }

    @Override
    public String biases() {
        return "included in ‖θ‖² and in tr H (the reference implementation uses weights only in ‖w‖)";
    }

    @Override
    public String sourceNote() {
        return "[J20] App. C (arXiv 1912.02178), pacbayes.orig; the equation number (49; 53 for pacbayes.flatness) is "
                + "that of the appendix as numbered in the reference implementation nitarshan/robust-generalization-measures "
                + "(measures.py). flatcheck's reading: [J20] define σ' by a 0.1 change of training accuracy, estimated by "
                + "sampling; flatcheck uses the loss and its second-order surrogate (as pac-bayes-flatness does). δ does not enter: ln(n/σ') + 10 is "
                + "[J20]'s stand-in for the confidence terms.";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.NOT_INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public boolean needsHessian() {
        return true;
    }

    @Override
    public BoundValue compute(Network net, Dataset data, BoundOptions options) {
        LocalModel model = LocalModel.of(net, data);
        if (model.kink().isPresent()) {
            return new BoundValue.Undefined(model.kink().get().getMessage());
        }
        BigFraction trace = model.hessian().trace();
        if (trace.compareTo(BigFraction.ZERO) <= 0) {
            return new BoundValue.Undefined("tr ∇²L ≤ 0: the second-order surrogate never reaches 0.1, σ' is unbounded");
        }
        MathContext mc = options.working();
        BigFraction quadratic = normSquared(net).multiply(trace).multiply(Q.of(5, 4));
        BigDecimal logs = BigMath.ln(Q.of(data.size()), mc)
                .add(BigMath.ln(trace.multiply(5), mc).divide(BigDecimal.valueOf(2), mc), mc);
        return options.numeric(BigMath.of(quadratic.add(10), mc).add(logs, mc), "‖θ‖² and tr ∇²L");
    }

    @Override
    public Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("‖θ‖²", Value.exact(normSquared(net)));
        LocalModel model = LocalModel.of(net, data);
        m.put("tr ∇²L", model.kink().isPresent() ? new Value.Undefined(model.kink().get().getMessage())
                : Value.exact(model.hessian().trace()));
        return m;
    }

    static BigFraction normSquared(Network net) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction x : net.parameters()) {
            s = s.add(x.multiply(x));
        }
        return s;
    }
}
