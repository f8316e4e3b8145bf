package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Relative flatness [P21] of a chosen weight layer {@code W} (rows {@code w_s}, one per unit it feeds;
 * option {@code layer}, 0-based, default the last):
 * {@code κ = Σ_{s,s'} ⟨w_s, w_s'⟩ · tr H_{s,s'}} with {@code tr H_{s,s'} = Σ_k ∂²L/∂W_{sk}∂W_{s'k}}
 * (biases excluded, as in the authors' code). Rescaling a unit the layer feeds scales column k of W
 * and the matching Hessian entries oppositely but inside different sums, so κ is not invariant
 * there; the layer's own units and layer scalings cancel (proofs/measures.md).
 *
 * <p>Variants with the feeding activations' spread {@code σ_k²} (population variance over the dataset;
 * features with zero variance left alone), after the authors' code: {@code -std} divides feature k by
 * its standard deviation, {@code κ = Σ (Σ_l w_{sl} w_{s'l} σ_l²)(Σ_k H_{(s,k),(s',k)} / σ_k²)} — only
 * squares appear, so it stays rational, and it is invariant under rescaling of feeding units too;
 * {@code -variance} (their synthetic experiments) divides by the variance, i.e. uses {@code σ⁴}, which
 * does not restore invariance. Both are undefined when a feeding feature does not vary over the data
 * (the authors' code then leaves that feature unnormalised, which breaks the invariance of {@code -std}).
 */
public class RelativeFlatness implements FlatnessMeasure {
    /** How the feeding activations normalise the measure. */
    enum Spread { NONE, STD, VARIANCE }

    private final Spread spread;
    private final Metadata metadata;

    public RelativeFlatness() {
        this(Spread.NONE);
    }

    RelativeFlatness(Spread spread) {
        this.spread = spread;
        this.metadata = Metadata.of(switch (spread) {
            case NONE -> "relative-flatness";
            case STD -> "relative-flatness-std";
            case VARIANCE -> "relative-flatness-variance";
        }, "Petzka et al. 2021 (NeurIPS), κ^φ_Tr" + (spread == Spread.NONE ? "" : "; feature normalisation of the authors' code"),
                switch (spread) {
                    case NONE -> "Σ_{s,s'} ⟨w_s, w_s'⟩ tr H_{s,s'} over the rows of the chosen layer";
                    case STD -> "Σ_{s,s'} (Σ_l w_sl w_s'l σ_l²)(Σ_k H_(s,k),(s',k) / σ_k²), σ² = variance of feeding activations";
                    case VARIANCE -> "Σ_{s,s'} (Σ_l w_sl w_s'l σ_l⁴)(Σ_k H_(s,k),(s',k) / σ_k⁴), σ² = variance of feeding activations";
                }, Cost.HESSIAN);
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    /**
     * Under node rescaling the plain and variance forms move with the chosen layer's feeding units; the
     * std form's normalisation cancels them. With {@code layer = 0} the chosen layer is fed by the inputs,
     * which no rescaling touches, so only the layer's own units move and they cancel: every variant is
     * invariant then (proofs/measures.md). Layer scalings and permutations leave every variant unchanged.
     */
    @Override
    public Verdict verdict(Symmetry s, Options options) {
        boolean inputLayer = options.layer().isPresent() && options.layer().getAsInt() == 0;
        return switch (s) {
            case NODE_RESCALING -> inputLayer || spread == Spread.STD ? Verdict.INVARIANT : Verdict.NOT_INVARIANT;
            case LAYER_SCALING -> Verdict.INVARIANT;
            case PERMUTATION -> Verdict.INVARIANT;
        };
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        if (!net.isLayered()) {
            return new Value.Undefined("defined for layered networks (a chosen weight layer)");
        }
        int[] sizes = net.layers().orElseThrow();
        int layer = options.layer().orElse(sizes.length - 2);
        if (layer > sizes.length - 2) {
            return new Value.Undefined("option layer must be a weight layer 0.." + (sizes.length - 2));
        }
        int l = layer;
        return Local.kink(net, data).orElseGet(() -> {
            BigFraction[] s2 = featureScale(net, data, l, sizes[l]);
            for (int k = 0; k < s2.length; k++) {
                if (s2[k] == null) {
                    return new Value.Undefined("feeding feature " + k + " of layer " + l + " has variance 0 on the data, "
                            + "so it cannot be normalised (the authors' code leaves such features as they are, "
                            + "which breaks invariance)");
                }
            }
            return Value.exact(kappa(net, data, l, sizes, s2));
        });
    }

    private static BigFraction kappa(Network net, Dataset data, int l, int[] sizes, BigFraction[] s2) {
        QMatrix h = Local.hessian(net, data);
        BigFraction[][] w = Layered.weights(net)[l];
        int rows = sizes[l + 1];
        int cols = sizes[l];
        int[][] index = weightIndex(net, l, rows, cols);
        BigFraction total = BigFraction.ZERO;
        for (int s = 0; s < rows; s++) {
            for (int t = 0; t < rows; t++) {
                BigFraction dot = BigFraction.ZERO;
                BigFraction tr = BigFraction.ZERO;
                for (int k = 0; k < cols; k++) {
                    dot = dot.add(w[s][k].multiply(w[t][k]).multiply(s2[k]));
                    tr = tr.add(h.get(index[s][k], index[t][k]).divide(s2[k]));
                }
                total = total.add(dot.multiply(tr));
            }
        }
        return total;
    }

    /** Parameter index of weight (s, k) of layer l. */
    static int[][] weightIndex(Network net, int l, int rows, int cols) {
        int[][] index = new int[rows][cols];
        for (int p = 0; p < net.numParameters(); p++) {
            var e = net.edge(p);
            if (!e.isBias() && net.depth(e.to()) == l + 1) {
                index[net.indexWithinLayer(e.to(), l + 1)][net.indexWithinLayer(e.from(), l)] = p;
            }
        }
        return index;
    }

    /** The factor each feature's terms are normalised with: 1, σ², or σ⁴; null where σ² = 0. */
    private BigFraction[] featureScale(Network net, Dataset data, int l, int cols) {
        BigFraction[] s = new BigFraction[cols];
        java.util.Arrays.fill(s, BigFraction.ONE);
        if (spread == Spread.NONE) {
            return s;
        }
        BigFraction[] sum = new BigFraction[cols];
        BigFraction[] sq = new BigFraction[cols];
        java.util.Arrays.fill(sum, BigFraction.ZERO);
        java.util.Arrays.fill(sq, BigFraction.ZERO);
        int first = net.indexOf(Layered.nodeName(net.layers().orElseThrow(), l, 0));
        for (int i = 0; i < data.size(); i++) {
            Forward f = Forward.run(net, data.input(i));
            for (int k = 0; k < cols; k++) {
                BigFraction a = f.activation(first + k);
                sum[k] = sum[k].add(a);
                sq[k] = sq[k].add(a.multiply(a));
            }
        }
        for (int k = 0; k < cols; k++) {
            BigFraction mean = sum[k].divide(data.size());
            BigFraction var = sq[k].divide(data.size()).subtract(mean.multiply(mean));
            s[k] = Q.isZero(var) ? null : spread == Spread.STD ? var : var.multiply(var);
        }
        return s;
    }

    /** The standard-deviation normalised variant (invariant under every rescaling). */
    public static final class Std extends RelativeFlatness {
        public Std() {
            super(Spread.STD);
        }
    }

    /** The variance normalised variant of the authors' synthetic experiments (not invariant). */
    public static final class Variance extends RelativeFlatness {
        public Variance() {
            super(Spread.VARIANCE);
        }
    }
}
