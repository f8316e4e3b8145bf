package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.Q;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import org.flatcheck.report.OrbitPlot;
import org.flatcheck.report.Plot;
import org.flatcheck.report.PlotWriter;
import org.flatcheck.report.SlicePlot;
import org.flatcheck.report.SpectrumPlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck plot orbit|slice|spectrum}: numeric pictures of exact values, as SVG or PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Pictures (SVG or PNG, by the extension of -o) of exact and certified values, rounded to doubles "
            + "for drawing: measures along a layer-scaling orbit, loss slices, the certified Hessian spectrum.",
        subcommands = {PlotCommand.Orbit.class, PlotCommand.Slice.class, PlotCommand.Spectrum.class})
final class PlotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a plot: orbit, slice or spectrum");
    }

    /** Options every plot takes. */
    static final class Common {
        @Option(names = "--net", required = true, paramLabel = "FILE", description = "Network file.")
        Path net;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file.")
        Path data;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.svg|FILE.png", description = "Output picture.")
        Path out;

        @Option(names = "--json", description = "Also print the plotted series (numbers) as JSON on stdout.")
        boolean json;

        PlotWriter.Format format(CommandSpec spec) {
            String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.endsWith(".svg")) {
                return PlotWriter.Format.SVG;
            }
            if (name.endsWith(".png")) {
                return PlotWriter.Format.PNG;
            }
            throw new ParameterException(spec.commandLine(), "-o " + out + ": give a file ending in .svg or .png");
        }

        int write(CommandSpec spec, PlotWriter.Format format, Plot plot) {
            AtomicFile.write(out, PlotWriter.render(plot, format));
            var w = spec.commandLine().getOut();
            if (json) {
                w.println(Json.pretty(json(plot)));
            } else {
                w.println("wrote " + out + " (" + plot.note() + ")");
            }
            w.flush();
            return ExitCode.OK;
        }

        ObjectNode json(Plot plot) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("file", out.toString());
            o.put("title", plot.title());
            o.put("x_label", plot.xLabel());
            o.put("y_label", plot.yLabel());
            o.put("note", plot.note());
            ArrayNode series = o.putArray("series");
            for (Plot.Series s : plot.series()) {
                ObjectNode n = series.addObject();
                n.put("name", s.name());
                numbers(n.putArray("x"), s.x());
                numbers(n.putArray("y"), s.y());
                if (s.err() != null) {
                    numbers(n.putArray("err"), s.err());
                }
            }
            if (plot.grid() != null) {
                ObjectNode g = o.putObject("grid");
                numbers(g.putArray("x"), plot.grid().x());
                numbers(g.putArray("y"), plot.grid().y());
                ArrayNode z = g.putArray("z");
                for (double[] row : plot.grid().z()) {
                    numbers(z.addArray(), row);
                }
            }
            return o;
        }

        private static void numbers(ArrayNode a, double[] xs) {
            for (double x : xs) {
                a.add(x);
            }
        }
    }

    static ParameterException notApplicable(CommandSpec spec, Path net, IllegalArgumentException e) {
        return new ParameterException(spec.commandLine(), net + ": " + e.getMessage());
    }

    @Command(name = "orbit", mixinStandardHelpOptions = true,
            description = "Hessian λ_max and trace, PSI-flatness and the quotient-Hessian trace along the layer-scaling "
                + "orbit T_α θ (first layer ×α, last ÷α; the same function), α on a log axis: the picture of Dinh et "
                + "al.'s argument. Needs a layered network.")
    static final class Orbit implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

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
            PlotWriter.Format format = common.format(spec);
            BigFraction lo = positive("--from", from);
            BigFraction hi = positive("--to", to);
            if (lo.compareTo(hi) >= 0) {
                throw new ParameterException(spec.commandLine(), "--from must be below --to");
            }
            if (points < 2 || points > 1000) {
                throw new ParameterException(spec.commandLine(), "--points must be between 2 and 1000");
            }
            Network network = NetworkJson.read(common.net);
            Dataset dataset = Datasets.readFor(network, common.net, common.data);
            Plot plot;
            try {
                plot = OrbitPlot.of(network, dataset, lo, hi, points, maxSpectrumParams);
            } catch (IllegalArgumentException e) {
                throw notApplicable(spec, common.net, e);
            }
            return common.write(spec, format, plot);
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

    @Command(name = "slice", mixinStandardHelpOptions = true,
            description = "The loss along 1-D slices through θ (one curve per direction kind) or, with --2d, on a 2-D "
                + "slice: random directions, filter-normalised ones (Li et al. 2018) and directions in basis-path values "
                + "(Yi et al. 2019).")
    static final class Slice implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--direction", split = ",", paramLabel = "KIND",
                description = "random, filter, basis (1-D default: all three; 2-D default: filter).")
        List<String> kinds;

        @Option(names = "--2d", description = "A 2-D slice (heat map) along two directions of one kind.")
        boolean twoD;

        @Option(names = "--range", defaultValue = "1", paramLabel = "R", description = "t from −R to R (default ${DEFAULT-VALUE}).")
        double range;

        @Option(names = "--points", paramLabel = "N", description = "Points per axis (default 41; 21 in 2-D).")
        Integer points;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the directions (default ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            PlotWriter.Format format = common.format(spec);
            List<String> chosen = kinds == null ? (twoD ? List.of("filter") : SlicePlot.KINDS) : kinds;
            for (String k : chosen) {
                if (!SlicePlot.KINDS.contains(k)) {
                    throw new ParameterException(spec.commandLine(), "--direction: unknown kind \"" + k + "\"; use random, filter or basis");
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
            Network network = NetworkJson.read(common.net);
            Dataset dataset = Datasets.readFor(network, common.net, common.data);
            Plot plot;
            try {
                plot = twoD ? SlicePlot.twoD(network, dataset, chosen.get(0), range, n, seed)
                        : SlicePlot.oneD(network, dataset, chosen, range, n, seed);
            } catch (IllegalArgumentException e) {
                throw notApplicable(spec, common.net, e);
            }
            return common.write(spec, format, plot);
        }
    }

    @Command(name = "spectrum", mixinStandardHelpOptions = true,
            description = "Every eigenvalue of the exact Hessian with its certified interval (point: midpoint; bar: half-width).")
    static final class Spectrum implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(names = "--digits", defaultValue = "30", paramLabel = "D", description = "Interval width 10^-D (default ${DEFAULT-VALUE}).")
        int digits;

        @Option(names = "--max-spectrum-params", defaultValue = "200", paramLabel = "P",
                description = "Refuse above P parameters, exit 4 (default ${DEFAULT-VALUE}; the exact spectrum is O(P⁴)).")
        int maxSpectrumParams;

        @Override
        public Integer call() {
            PlotWriter.Format format = common.format(spec);
            if (digits < 1 || digits > 1000) {
                throw new ParameterException(spec.commandLine(), "--digits must be between 1 and 1000");
            }
            Network network = NetworkJson.read(common.net);
            Dataset dataset = Datasets.readFor(network, common.net, common.data);
            if (network.numParameters() > maxSpectrumParams) {
                throw new LimitExceeded("P = " + network.numParameters() + " parameters > --max-spectrum-params "
                        + maxSpectrumParams + "; raise it (the exact spectrum is O(P⁴): about a minute at 369)");
            }
            return common.write(spec, format, SpectrumPlot.of(network, dataset, digits));
        }
    }
}
