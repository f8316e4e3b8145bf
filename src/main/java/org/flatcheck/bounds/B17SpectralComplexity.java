package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC. The spectral complexity of Bartlett, Foster, Telgarsky 2017 (NeurIPS, "Spectrally-normalized
 * margin bounds for neural networks", the complexity {@code R_A} of their Thm 1.1) with reference
 * matrices {@code M_i = 0} and Lipschitz constants {@code ρ_i = 1} (ReLU and the identity output):
 * {@code R_A = (Π_i ‖W_i‖₂) (Σ_i ‖W_iᵀ‖_{2,1}^{2/3} / ‖W_i‖₂^{2/3})^{3/2}}, evaluated as the equal
 * {@code (Σ_i ‖W_iᵀ‖_{2,1}^{2/3} Π_{j≠i} ‖W_j‖₂^{2/3})^{3/2}} (defined when a layer is zero).
 * {@code ‖W‖₂² = λ_max(W Wᵀ)} is an exact algebraic number certified by {@code exact.Spectrum};
 * {@code ‖Wᵀ‖_{2,1} = Σ_j ‖W_{j,:}‖₂} sums the square roots of exact rationals.
 *
 * <p>Only {@code R_A} is printed: Thm 1.1's margin bound needs a classification margin {@code γ}
 * (flatcheck's data are regression targets under squared loss) and hides its constants in {@code Õ}.
 * Layered bias-free networks only. Verdicts (proofs/bounds.md §2): layer scaling — each ratio
 * {@code ‖αW‖_{2,1}/‖αW‖₂} is scale-free and {@code Π α_i = 1}; permutation — {@code W ↦ PWQ} keeps
 * {@code ‖W‖₂} and permutes the row norms; node rescaling — not invariant (a 1-2-1 network, one hidden
 * unit rescaled by 2, moves {@code R_A} from 6.7946… to 8.2494…).
 */
public final class B17SpectralComplexity implements BoundTerm {
    @Override
    public String id() {
        return "b17-spectral-complexity";
    }

    @Override
    public String citation() {
        return "Bartlett, Foster, Telgarsky 2017 (NeurIPS), spectral complexity R_A of Thm 1.1 (M_i = 0, ρ_i = 1)";
    }

    @Override
    public String formula() {
        return "R_A = (Π_i ‖W_i‖₂) · (Σ_i ‖W_iᵀ‖_{2,1}^{2/3} / ‖W_i‖₂^{2/3})^{3/2}; ‖W‖₂² = λ_max(WᵀW) (certified), "
                + "‖Wᵀ‖_{2,1} = Σ_units ‖incoming weights‖₂";
    }

    @Override
    public String biases() {
        return "undefined for networks with biases ([B17]'s networks have none); layered networks only";
    }

    @Override
    public String sourceNote() {
        return "[B17] Thm 1.1 (arXiv 1706.08498): R_A is the spectral complexity of the theorem with reference matrices "
                + "M_i = 0 and Lipschitz constants ρ_i = 1 (ReLU, identity output). The margin bound of Thm 1.1, R̂_γ + Õ(‖X‖₂ R_A ln(W) / (γ n) + √(ln(1/δ)/n)), "
                + "is not printed: its constants are hidden in Õ and its margin γ needs class labels, which squared-loss "
                + "regression data do not have (margin term undefined).";
    }

    @Override
    public Verdict verdict(Symmetry s) {
        return switch (s) {
            case NODE_RESCALING -> Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public boolean needsSpectralNorms() {
        return true;
    }

    @Override
    public BoundValue compute(Network net, Dataset data, BoundOptions options) {
        Optional<String> why = Inputs.notBiasFreeMlp(net, "[B17]");
        if (why.isPresent()) {
            return new BoundValue.Undefined(why.get());
        }
        MathContext mc = options.working();
        List<Inputs.Layer> layers = Inputs.layers(net);
        BigFraction third = Q.of(1, 3);
        BigDecimal[] s23 = new BigDecimal[layers.size()];
        for (int i = 0; i < s23.length; i++) {
            s23[i] = BigMath.pow(layers.get(i).spectralSquared(mc), third, mc); // (‖W‖₂²)^{1/3} = ‖W‖₂^{2/3}
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < s23.length; i++) {
            BigDecimal t = BigMath.pow(layers.get(i).rowNormSum(mc), Q.of(2, 3), mc);
            for (int j = 0; j < s23.length; j++) {
                t = j == i ? t : t.multiply(s23[j], mc);
            }
            sum = sum.add(t, mc);
        }
        return options.numeric(sum.multiply(BigMath.sqrt(sum, mc), mc),
                "weights (‖W‖₂² as exact algebraic numbers, certified by exact.Spectrum)");
    }
}
