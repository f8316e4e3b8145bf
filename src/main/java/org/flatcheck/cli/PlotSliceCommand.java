package org.flatcheck.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.network.Network;
import org.flatcheck.report.Plot;
import org.flatcheck.report.PlotWriter;
import org.flatcheck.report.SliceDirection;
import org.flatcheck.report.SlicePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck plot slice}: the loss along 1-D or 2-D slices through θ ({@link SlicePlot}). */
@Command(name = "slice", mixinStandardHelpOptions = true,
        description = "The loss along 1-D slices through θ (one curve per direction kind) or, with --2d, on a 2-D "
            + "slice: random directions, filter-normalised ones (Li et al. 2018) and directions in basis-path values "
            + "(Yi et al. 2019).")
final class PlotSliceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlotOptions plot;

    @Option(names = "--direction", split = ",", paramLabel = "KIND", converter = DirectionConverter.class,
            description = "random, filter, basis (1-D default: all three; 2-D default: filter).")
    List<SliceDirection> kinds;

    @Option(names = "--2d", description = "A 2-D slice (heat map) along two directions of one kind.")
    boolean twoD;

    @Option(names = "--range", defaultValue = "1", paramLabel = "R", description = "t from −R to R (default ${DEFAULT-VALUE}).")
    double range;

    @Option(names = "--points", paramLabel = "N", description = "Points per axis (default 41; 21 in 2-D).")
    Integer points;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the directions (default ${DEFAULT-VALUE}).")
    long seed;

    /** A direction kind by its key; an unknown key is refused with the kinds there are. */
    static final class DirectionConverter implements ITypeConverter<SliceDirection> {
        @Override
        public SliceDirection convert(String key) {
            return SliceDirection.of(key).orElseThrow(() ->
                    new BadOptionValue("--direction: unknown kind \"" + key + "\"; use random, filter or basis"));
        }
    }

    @Override
    public Integer call() {
        PlotWriter.Format format = plot.format();
        List<SliceDirection> chosen = kinds != null ? kinds
                : twoD ? List.of(SliceDirection.FILTER) : List.of(SliceDirection.values());
        for (SliceDirection d : chosen) {
            if (java.util.Collections.frequency(chosen, d) > 1) {
                throw new ParameterException(spec.commandLine(), "--direction: " + d.key()
                        + " is given twice; each kind draws one curve, so list it once");
            }
        }
        if (twoD && chosen.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--2d takes one --direction kind");
        }
        int n = points == null ? (twoD ? 21 : 41) : points;
        if (n < 2 || n > (twoD ? 201 : 2001)) {
            throw new ParameterException(spec.commandLine(), "--points must be between 2 and " + (twoD ? 201 : 2001));
        }
        if (!(range > 0) || Double.isInfinite(range)) {
            throw new ParameterException(spec.commandLine(), "--range must be a positive number");
        }
        Network network = plot.network();
        Dataset dataset = plot.dataset(network);
        Plot picture;
        try {
            picture = twoD ? SlicePlot.twoD(network, dataset, chosen.get(0), range, n, seed)
                    : SlicePlot.oneD(network, dataset, chosen, range, n, seed);
        } catch (IllegalArgumentException e) {
            throw plot.notApplicable(e);
        }
        return plot.write(format, picture);
    }
}
