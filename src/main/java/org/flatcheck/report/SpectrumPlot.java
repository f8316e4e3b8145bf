package org.flatcheck.report;

import java.util.List;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;

/**
 * Every eigenvalue of the exact Hessian ∇²L(θ), ascending with multiplicity, as its certified interval:
 * the point is the interval's midpoint, the error bar its half-width (invisible at the default 30 digits;
 * the picture is numeric, the intervals are not).
 */
public final class SpectrumPlot {
    private SpectrumPlot() {
    }

    public static Plot of(Network net, Dataset data, int digits) {
        Spectrum s = Spectrum.of(LocalModel.of(net, data).hessian(), Spectrum.widthForDigits(digits));
        List<Interval> ev = s.eigenvalues();
        double[] x = new double[ev.size()];
        double[] y = new double[ev.size()];
        double[] err = new double[ev.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
            y[i] = ev.get(i).midpoint().doubleValue();
            err[i] = ev.get(i).width().doubleValue() / 2;
        }
        return new Plot("Certified eigenvalues of the Hessian (" + net.numParameters() + " parameters, rank " + s.rank() + ")",
                "index (ascending, with multiplicity)", "eigenvalue", false, false,
                List.of(new Plot.Series("eigenvalue ± certified half-width", x, y, err)), null,
                "intervals certified to width 10^-" + digits + "; points are their midpoints (numeric)");
    }
}
