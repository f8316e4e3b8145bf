package org.flatcheck.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck plot orbit|slice|spectrum}: numeric pictures of exact values, as SVG or PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Pictures (SVG or PNG, by the extension of -o) of exact and certified values, rounded to doubles "
            + "for drawing: measures along a layer-scaling orbit, loss slices, the certified Hessian spectrum.",
        subcommands = {PlotOrbitCommand.class, PlotSliceCommand.class, PlotSpectrumCommand.class})
final class PlotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a plot: orbit, slice or spectrum");
    }
}
