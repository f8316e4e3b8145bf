package org.flatcheck.bounds;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.PacBayesFlatness;
import org.flatcheck.measures.Value;
import org.flatcheck.measures.Verdict;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * NUMERIC. Jiang et al. 2020 (ICLR), Appendix C, {@code pacbayes.mag.orig}, eq. (57):
 * {@code ¼ Σ_i ln((ε² + (σ'²+1)‖θ‖²/ω) / (ε² + σ'²(θ_i − θ⁰_i)²)) + ln(n/σ') + 10}, ε = 10⁻³, ω the number
 * of parameters, σ' the magnitude-aware σ' (perturbation {@code u_i ~ N(0, σ²θ_i² + ε²)}) — exactly the
 * quantity whose {@code 1/σ'²} the catalog's {@code pac-bayes-flatness} (eq. (61)) computes: this term
 * takes it from there rather than recomputing it. No initialisation is known, so {@code θ⁰ = 0}: the
 * denominator is then the magnitude-aware posterior variance {@code σ'²θ_i² + ε²}.
 *
 * <p>Equation number as numbered in the reference implementation ("# 57"), like
 * {@link J20PacBayesOrig}. Verdicts (proofs/bounds.md §4): permutations permute θ and H together; rescalings change σ'
 * and the θ_i².
 */
public final class J20PacBayesMagOrig implements BoundTerm {
    private static final BigFraction EPS2 = Q.of(1, 1_000_000);

    @Override
    public String id() {
        return "j20-pacbayes-mag-orig";
    }

    @Override
    public String citation() {
        return "Jiang et al. 2020 (ICLR), Fantastic Generalization Measures, App. C, pacbayes.mag.orig, eq. (57)";
    }

    @Override
    public String formula() {
        return "¼ Σ_i ln((ε² + (σ'²+1)‖θ‖²/ω) / (ε² + σ'²θ_i²)) + ln(n/σ') + 10, ε = 1e-3, ω = #parameters, 1/σ'² = "
                + "pac-bayes-flatness (magnitude-aware σ', eq. (61), second-order surrogate), θ⁰ = 0";
    }

    @Override
    public String biases() {
        return "included (every parameter is perturbed and summed over, as in pac-bayes-flatness)";
    }

    @Override
    public String sourceNote() {
        return "[J20] App. C (arXiv 1912.02178), pacbayes.mag.orig; the equation number (57; 61 for pacbayes.mag.flatness) "
                + "is that of the appendix as numbered in the reference implementation nitarshan/robust-generalization-"
                + "measures (measures.py). flatcheck's reading: σ' comes from the catalog's pac-bayes-flatness (loss-based second-order surrogate, "
                + "not [J20]'s sampled accuracy change); θ⁰ = 0 because no initialisation is known.";
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
        Value flatness = new PacBayesFlatness().compute(net, data, Options.DEFAULTS);
        if (!(flatness instanceof Value.Numeric inverse)) {
            return new BoundValue.Undefined("pac-bayes-flatness (1/σ'²) is " + flatness.describe());
        }
        MathContext mc = options.working();
        BigFraction sigma2 = inverse.value().reciprocal();
        BigFraction[] theta = net.parameters();
        BigFraction numerator = EPS2.add(sigma2.add(1).multiply(J20PacBayesOrig.normSquared(net)).divide(theta.length));
        BigDecimal sum = BigDecimal.ZERO;
        for (BigFraction t : theta) {
            sum = sum.add(BigMath.ln(numerator.divide(EPS2.add(sigma2.multiply(t).multiply(t))), mc), mc);
        }
        BigDecimal logs = BigMath.ln(Q.of(data.size()), mc)
                .add(BigMath.ln(inverse.value(), mc).divide(BigDecimal.valueOf(2), mc), mc);
        return options.numeric(sum.divide(BigDecimal.valueOf(4), mc).add(logs, mc).add(BigDecimal.TEN, mc),
                "θ and 1/σ'² (pac-bayes-flatness)");
    }

    @Override
    public Map<String, Value> exactInputs(Network net, Dataset data, BoundOptions options) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put("1/σ'² (pac-bayes-flatness)", new PacBayesFlatness().compute(net, data, Options.DEFAULTS));
        m.put("‖θ‖²", Value.exact(J20PacBayesOrig.normSquared(net)));
        return m;
    }
}
