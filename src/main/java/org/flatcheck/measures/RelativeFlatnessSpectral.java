package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The spectral variant of relative flatness (Petzka, Kamp, Adilova, Sminchisescu, Boley 2021, NeurIPS, arXiv
 * 2001.00939), as the authors' code computes it ({@code maxeigen_neuron_measure}): for the chosen weight layer
 * with rows {@code w_s} (option {@code layer}, 0-based, default the last; biases excluded),
 * <pre>  κ_ρ = Σ_s ‖w_s‖² λ_max(H_{s,s}),   H_{s,s} = [∂²L/∂W_{sk}∂W_{sk'}]_{k,k'},</pre>
 * the diagonal blocks only. Rescaling the layer's own unit s by c maps {@code w_s ↦ c w_s},
 * {@code H_{s,s} ↦ H_{s,s}/c²}: each term is invariant, as under layer scalings; rescaling a unit that feeds
 * the layer changes the entries of {@code w_s} and of {@code H_{s,s}} by different factors, so the value moves
 * (not with {@code layer = 0}, whose feeding units are the inputs). Each term is the exact algebraic number
 * {@code λ_max(‖w_s‖² H_{s,s})}; the value is their sum, certified as the sum of their enclosures.
 */
public final class RelativeFlatnessSpectral implements FlatnessMeasure {
    private static final Metadata METADATA = Metadata.of("relative-flatness-spectral",
            "Petzka et al. 2021 (NeurIPS), spectral variant κ_ρ, as the authors' code computes it",
            "Σ_s ‖w_s‖² λ_max(H_{s,s}) over the rows w_s of the chosen layer, H_{s,s} the Hessian block of row s",
            Cost.SPECTRUM);

    @Override
    public Metadata metadata() {
        return METADATA;
    }

    @Override
    public Verdict verdict(Symmetry s, Options options) {
        return new RelativeFlatness().verdict(s, options);
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        if (!net.isLayered()) {
            return new Value.Undefined("defined for layered networks (a chosen weight layer)");
        }
        int[] sizes = net.layers().orElseThrow();
        int l = options.layer().orElse(sizes.length - 2);
        if (l > sizes.length - 2) {
            return new Value.Undefined("option layer must be a weight layer 0.." + (sizes.length - 2));
        }
        return Local.kink(net, data).orElseGet(() -> {
            QMatrix h = Local.hessian(net, data);
            BigFraction[][] w = Layered.weights(net)[l];
            int rows = sizes[l + 1];
            int cols = sizes[l];
            int[][] index = RelativeFlatness.weightIndex(net, l, rows, cols);
            BigFraction lo = BigFraction.ZERO;
            BigFraction hi = BigFraction.ZERO;
            for (int s = 0; s < rows; s++) {
                BigFraction norm = BigFraction.ZERO;
                for (int k = 0; k < cols; k++) {
                    norm = norm.add(w[s][k].multiply(w[s][k]));
                }
                BigFraction[][] block = new BigFraction[cols][cols];
                for (int k = 0; k < cols; k++) {
                    for (int j = 0; j < cols; j++) {
                        block[k][j] = norm.multiply(h.get(index[s][k], index[s][j]));
                    }
                }
                Interval term = Spectrum.of(QMatrix.of(block), Local.WIDTH).lambdaMaxExact().approximate(Local.WIDTH);
                lo = lo.add(term.lo());
                hi = hi.add(term.hi());
            }
            return new Value.Certified(Interval.of(lo, hi), null,
                    "sum of the exact algebraic numbers λ_max(‖w_s‖² H_{s,s}), each enclosed to width 1e-30");
        });
    }
}
