package org.flatcheck.cli;

import java.nio.file.Path;
import java.util.Locale;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.io.AtomicFile;
import org.flatcheck.network.Network;
import org.flatcheck.report.Plot;
import org.flatcheck.report.PlotWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every plot takes (a picocli mixin): network, dataset, the picture file and {@code --json}. */
final class PlotOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Mixin
    NetworkInput net;

    @Mixin
    DatasetInput data;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.svg|FILE.png", description = "Output picture.")
    Path out;

    @Option(names = "--json", description = "Also print the plotted series (numbers) as JSON on stdout.")
    boolean json;

    /** The picture format, by the extension of {@code -o}; a usage error (exit 2) for any other. */
    PlotWriter.Format format() {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".svg")) {
            return PlotWriter.Format.SVG;
        }
        if (name.endsWith(".png")) {
            return PlotWriter.Format.PNG;
        }
        throw new ParameterException(mixee.commandLine(), "-o " + out + ": give a file ending in .svg or .png");
    }

    Network network() {
        return net.read();
    }

    Dataset dataset(Network network) {
        return data.readFor(network, net);
    }

    /** A plot that does not apply to this network (e.g. orbit of a DAG): a usage error naming the file. */
    ParameterException notApplicable(IllegalArgumentException e) {
        return new ParameterException(mixee.commandLine(), net.path + ": " + e.getMessage());
    }

    /** Writes the picture (atomically), then the series as JSON or one line naming the file on stdout. */
    int write(PlotWriter.Format format, Plot plot) {
        AtomicFile.write(out, PlotWriter.render(plot, format));
        var w = mixee.commandLine().getOut();
        if (json) {
            w.println(Json.pretty(PlotWriter.json(plot, out.toString())));
        } else {
            w.println("wrote " + out + " (" + plot.note() + ")");
        }
        w.flush();
        return ExitCode.OK;
    }
}
