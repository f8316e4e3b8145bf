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
 * NUMERIC. The PAC-Bayes spectral term of Neyshabur, Bhojanapalli, Srebro 2018 (ICLR, "A PAC-Bayesian
 * approach to spectrally-normalized margin bounds for neural networks"), Thm 1:
 * {@code L₀ ≤ L̂_γ + O(√((B² d² h ln(dh) Π_i ‖W_i‖₂² Σ_i ‖W_i‖_F²/‖W_i‖₂² + ln(d n/δ)) / (γ² n)))}; flatcheck
 * prints {@code γ} times the O-term with the O-constant 1:
 * {@code √((B² d² h ln(dh) · S + ln(d n/δ)) / n)}, {@code S = Π_i ‖W_i‖₂² Σ_i ‖W_i‖_F²/‖W_i‖₂²}, evaluated
 * as the equal {@code Σ_i ‖W_i‖_F² Π_{j≠i} ‖W_j‖₂²} (defined when a layer is zero). {@code B = max_i ‖x_i‖₂},
 * {@code d} weight layers, {@code h} the largest layer width (flatcheck's reading of "width").
 *
 * <p>The O-constant is not stated by the theorem (flatcheck takes 1) and the margin γ is undefined for
 * regression (flatcheck prints γ times the term) — the output says both. Layered bias-free networks only. Verdicts
 * (proofs/bounds.md §3): layer scaling multiplies {@code Π‖W_i‖₂²} by {@code Π α_i² = 1} and leaves each
 * ratio; permutations keep every norm; node rescaling is not invariant.
 */
public final class Nbs18SpectralFrobenius implements BoundTerm {
    @Override
    public String id() {
        return "nbs18-spectral-frobenius";
    }

    @Override
    public String citation() {
        return "Neyshabur, Bhojanapalli, Srebro 2018 (ICLR), Thm 1 (PAC-Bayes spectrally-normalized margin bound)";
    }

    @Override
    public String formula() {
        return "√((B² d² h ln(dh) · Π_i ‖W_i‖₂² · Σ_i ‖W_i‖_F²/‖W_i‖₂² + ln(d n/δ)) / n) = γ · (Thm 1's O-term, constant 1); "
                + "B = max_i ‖x_i‖₂, d = weight layers, h = largest layer width";
    }

    @Override
    public String biases() {
        return "undefined for networks with biases ([NBS18]'s networks have none); layered networks only";
    }

    @Override
    public String sourceNote() {
        return "[NBS18] Thm 1 (arXiv 1707.09564) states this term inside O(·); flatcheck takes the O-constant as 1, "
                + "which the theorem does not state; the margin γ needs class labels and is undefined for squared-loss regression, so the printed "
                + "value is γ × the O-term. h = the largest layer width (inputs and outputs included) is flatcheck's reading.";
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
        Optional<String> why = Inputs.notBiasFreeMlp(net, "[NBS18]");
        if (why.isPresent()) {
            return new BoundValue.Undefined(why.get());
        }
        MathContext mc = options.working();
        List<Inputs.Layer> layers = Inputs.layers(net);
        BigDecimal[] s2 = new BigDecimal[layers.size()];
        for (int i = 0; i < s2.length; i++) {
            s2[i] = layers.get(i).spectralSquared(mc);
        }
        BigDecimal spectral = BigDecimal.ZERO;
        for (int i = 0; i < s2.length; i++) {
            BigDecimal t = BigMath.of(layers.get(i).frobeniusSquared(), mc);
            for (int j = 0; j < s2.length; j++) {
                t = j == i ? t : t.multiply(s2[j], mc);
            }
            spectral = spectral.add(t, mc);
        }
        int d = layers.size();
        int h = 0;
        for (int width : net.layers().orElseThrow()) {
            h = Math.max(h, width);
        }
        BigDecimal lnDh = BigMath.ln(Q.of((long) d * h), mc);
        BigFraction b2d2h = Inputs.maxSquaredNorm(data).multiply((long) d * d * h);
        BigDecimal confidence = BigMath.ln(Q.of((long) d * data.size()).divide(options.delta()), mc);
        BigDecimal inner = BigMath.of(b2d2h, mc).multiply(lnDh, mc).multiply(spectral, mc).add(confidence, mc)
                .divide(BigDecimal.valueOf(data.size()), mc);
        return options.numeric(BigMath.sqrt(inner, mc), "weights, ‖W‖_F², max‖x‖₂² and δ (‖W‖₂² as exact algebraic "
                + "numbers, certified by exact.Spectrum)");
    }
}
