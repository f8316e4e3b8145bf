package org.flatcheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.invariance.Audit;
import org.flatcheck.invariance.InvarianceCheck;
import org.flatcheck.io.Datasets;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.Options;
import org.flatcheck.network.Network;
import org.flatcheck.paths.Skeleton;
import org.flatcheck.report.AuditReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flatcheck audit}: every measure × every symmetry, with values, verdicts and counterexamples. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Every flatness measure of the catalog at θ, and for each symmetry (node rescaling, layer "
            + "scaling, permutation) whether it is invariant: a NOT_INVARIANT verdict comes with the smallest exact "
            + "counterexample found, an INVARIANT one with the group elements it survived on this network. "
            + "Exit 1 if evidence contradicts a declared verdict."})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @Option(names = "--data", paramLabel = "FILE", description = "Dataset (most measures need one).")
    Path data;

    @Option(names = "--tries", defaultValue = "10", paramLabel = "K",
            description = "Random group elements tried on this network per measure and symmetry (default ${DEFAULT-VALUE}).")
    int tries;

    @Option(names = "--search-tries", defaultValue = "300", paramLabel = "K",
            description = "Random small networks searched for a counterexample (default ${DEFAULT-VALUE}).")
    int searchTries;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the searches (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--shrink-steps", defaultValue = "" + InvarianceCheck.DEFAULT_SHRINK_STEPS, paramLabel = "K",
            description = "Candidate simplifications re-evaluated when shrinking a counterexample, per measure and "
                + "symmetry (default ${DEFAULT-VALUE}).")
    int shrinkSteps;

    /**
     * The wall-clock budget of earlier versions, which made the printed counterexamples depend on the
     * machine's speed: refused with what to use instead.
     */
    @Option(names = "--budget", hidden = true, paramLabel = "SECONDS")
    void budget(String ignored) {
        throw new ParameterException(spec.commandLine(), "--budget (a wall-clock search budget) was removed: results "
                + "must not depend on the machine's speed. Budget the search by counts (--tries, --search-tries, "
                + "--shrink-steps); use --timeout SECONDS to stop a run (exit 4, no output)");
    }

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Only these measures.")
    List<String> only;

    @Option(names = "--skeleton", defaultValue = "diagonal", paramLabel = "RULE",
            description = "Skeleton of the PSI measures: diagonal (default), first, random:SEED.")
    String skeleton;

    @Option(names = "--layer", paramLabel = "L", description = "Weight layer (0-based) of relative flatness; default the last.")
    Integer layer;

    @Option(names = "--per-layer", description = "Also per-layer breakdowns (trace and λ_max of each layer's Hessian block).")
    boolean perLayer;

    @Mixin
    HessianLimits hessianLimits;

    @Mixin
    SpectrumLimits spectrumLimits;

    @Mixin
    TableFormat format;

    @Override
    public Integer call() {
        OutputFormat output = format.format();
        if (tries < 0 || searchTries < 0 || shrinkSteps < 0) {
            throw new ParameterException(spec.commandLine(), "--tries, --search-tries and --shrink-steps must be non-negative");
        }
        if (hessianLimits.maxParams < 1 || spectrumLimits.maxSpectrumParams < 1 || spectrumLimits.maxCharpolyParams < 1
                || hessianLimits.maxWork < 1) {
            throw new ParameterException(spec.commandLine(), "--max-hessian-params, --max-spectrum-params, "
                    + "--max-charpoly-params and --max-hessian-work must be at least 1");
        }
        Network network = net.read();
        Dataset dataset = data == null ? null : Datasets.readFor(network, net.path, data);
        Catalog catalog = Catalog.load(Main.pluginTimeoutSeconds(spec));
        if (only != null) {
            for (String id : only) {
                if (catalog.get(id).isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--only: no measure " + id + "; the catalog has "
                            + String.join(", ", catalog.ids()));
                }
            }
            catalog = catalog.restrictedTo(only);
        }
        try {
            Skeleton.of(network, skeleton);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--skeleton: " + e.getMessage());
        }
        if (layer != null) {
            int weightLayers = network.layers().map(sizes -> sizes.length - 1).orElse(0);
            if (weightLayers == 0) {
                throw new ParameterException(spec.commandLine(), "--layer: " + net.path
                        + " is not a layered network; relative flatness needs one (omit --layer)");
            }
            if (layer < 0 || layer >= weightLayers) {
                throw new ParameterException(spec.commandLine(), "--layer: " + layer + " is not a weight layer of "
                        + net.path + "; use 0.." + (weightLayers - 1));
            }
        }
        Options options = Options.DEFAULTS.withSkeleton(skeleton);
        if (layer != null) {
            options = options.withLayer(layer);
        }
        Audit.Limits limits = new Audit.Limits(hessianLimits.maxParams, spectrumLimits.maxSpectrumParams,
                spectrumLimits.maxCharpolyParams, hessianLimits.maxWork);
        Progress progress = Progress.of(spec, "audit", catalog.all().size());
        int[] done = {0};
        List<Audit.Entry> entries = Audit.run(catalog, network, dataset, options, limits, seed, tries, searchTries,
                shrinkSteps, perLayer, id -> progress.update(done[0]++));
        progress.done();
        var out = spec.commandLine().getOut();
        out.print(switch (output) {
            case JSON -> Json.pretty(AuditReport.json(entries));
            case MARKDOWN -> AuditReport.markdown(entries);
            case LATEX -> AuditReport.latex(entries);
            case TEXT -> AuditReport.text(entries);
        });
        out.flush();
        return entries.stream().anyMatch(Audit.Entry::refuted) ? ExitCode.CHECK_FAILED : ExitCode.OK;
    }
}
