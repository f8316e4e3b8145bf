package org.flatcheck.cli;

import java.util.concurrent.Callable;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.network.Network;
import org.flatcheck.report.PlotWriter;
import org.flatcheck.report.SpectrumPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck plot spectrum}: every certified eigenvalue of the exact Hessian ({@link SpectrumPlot}). */
@Command(name = "spectrum", mixinStandardHelpOptions = true,
        description = "Every eigenvalue of the exact Hessian with its certified interval (point: midpoint; bar: half-width).")
final class PlotSpectrumCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOptions plot;

    @Option(names = "--digits", defaultValue = "30", paramLabel = "D", description = "Interval width 10^-D (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--max-spectrum-params", defaultValue = "200", paramLabel = "P",
            description = "Refuse above P parameters, exit 4 (default ${DEFAULT-VALUE}; the exact spectrum is O(P⁴)).")
    int maxSpectrumParams;

    @Override
    public Integer call() {
        PlotWriter.Format format = plot.format();
        if (digits < 1 || digits > 1000) {
            throw new ParameterException(spec.commandLine(), "--digits must be between 1 and 1000");
        }
        Network network = plot.network();
        Dataset dataset = plot.dataset(network);
        if (network.numParameters() > maxSpectrumParams) {
            throw new LimitExceeded("P = " + network.numParameters() + " parameters > --max-spectrum-params "
                    + maxSpectrumParams + "; raise it (the exact spectrum is O(P⁴): about a minute at 369)");
        }
        return plot.write(format, SpectrumPlot.of(network, dataset, digits));
    }
}
