package org.flatcheck.cli;

import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.report.OrbitPlot;
import org.flatcheck.report.Plot;
import org.flatcheck.report.PlotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck plot orbit}: measures along a layer-scaling orbit ({@link OrbitPlot}). */
@Command(name = "orbit", mixinStandardHelpOptions = true,
        description = "Hessian λ_max and trace, PSI-flatness and the quotient-Hessian trace along the layer-scaling "
            + "orbit T_α θ (first layer ×α, last ÷α; the same function), α on a log axis: the picture of Dinh et "
            + "al.'s argument. Needs a layered network.")
final class PlotOrbitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOptions plot;

    @Option(names = "--from", defaultValue = "1/100", paramLabel = "A", description = "Smallest α (default ${DEFAULT-VALUE}).")
    String from;

    @Option(names = "--to", defaultValue = "100", paramLabel = "A", description = "Largest α (default ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--points", defaultValue = "41", paramLabel = "N", description = "Values of α (default ${DEFAULT-VALUE}).")
    int points;

    @Option(names = "--max-spectrum-params", defaultValue = "200", paramLabel = "P",
            description = "Leave out λ_max above P parameters (default ${DEFAULT-VALUE}).")
    int maxSpectrumParams;

    @Override
    public Integer call() {
        PlotWriter.Format format = plot.format();
        BigFraction lo = positive("--from", from);
        BigFraction hi = positive("--to", to);
        if (lo.compareTo(hi) >= 0) {
            throw new ParameterException(spec.commandLine(), "--from must be below --to");
        }
        if (points < 2 || points > 1000) {
            throw new ParameterException(spec.commandLine(), "--points must be between 2 and 1000");
        }
        Network network = plot.network();
        Dataset dataset = plot.dataset(network);
        Plot picture;
        try {
            picture = OrbitPlot.of(network, dataset, lo, hi, points, maxSpectrumParams);
        } catch (IllegalArgumentException e) {
            throw plot.notApplicable(e);
        }
        return plot.write(format, picture);
    }

    private BigFraction positive(String flag, String text) {
        BigFraction v;
        try {
            v = Q.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), flag + ": \"" + text + "\" is not a rational number; write e.g. 1/100 or 0.01");
        }
        if (v.getNumerator().signum() <= 0) {
            throw new ParameterException(spec.commandLine(), flag + " must be positive, got " + text);
        }
        return v;
    }
}
