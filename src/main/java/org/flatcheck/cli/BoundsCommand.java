package org.flatcheck.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.bounds.BoundOptions;
import org.flatcheck.bounds.BoundTerm;
import org.flatcheck.bounds.BoundValue;
import org.flatcheck.bounds.Bounds;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.io.InputError;
import org.flatcheck.network.Network;
import org.flatcheck.report.BoundsReport;
import org.flatcheck.report.BoundsReport.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flatcheck bounds}: the generalization-bound terms of docs/definitions.md §bounds, each with formula, citation, precision and verdicts. */
@Command(name = "bounds", mixinStandardHelpOptions = true,
        description = {"Generalization-bound terms from the literature at θ on the training data (docs/definitions.md §bounds): the path-norm "
            + "terms of Neyshabur et al. 2015 and Gonon et al. 2024, Bartlett et al.'s spectral complexity, Neyshabur et "
            + "al. 2018's spectral/Frobenius term and Jiang et al. 2020's PAC-Bayes measures. "
            + "Values are numeric (exact inputs, BigDecimal for sqrt/ln/exp) with their precision; each term states its "
            + "citation, the source of its constants and flatcheck's readings of it, and its declared invariance under node rescaling, layer scaling "
            + "and permutation (checked by flatcheck's property suite)."})
final class BoundsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @Mixin
    DatasetInput data;

    @Option(names = "--delta", defaultValue = "0.05", paramLabel = "δ",
            description = "Confidence parameter δ in (0, 1), a decimal or p/q (default ${DEFAULT-VALUE}).")
    String delta;

    @Option(names = "--digits", defaultValue = "30", paramLabel = "K",
            description = "Significant digits of the numeric values, 1 to 1000 (default ${DEFAULT-VALUE}).")
    String digits;

    @Mixin
    HessianLimits hessianLimits;

    @Option(names = "--max-charpoly-work", defaultValue = "20000000000", paramLabel = "OPS",
            description = "Skip the terms that need exact spectral norms (B17, NBS18) when these are estimated, from the "
                + "sizes and bit lengths of the weight matrices, to take more word operations (default ${DEFAULT-VALUE}).")
    long maxCharpolyWork;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        BoundOptions options = BoundOptions.DEFAULTS.withDelta(parseDelta()).withDigits(parseDigits());
        Network network = net.read();
        Dataset dataset = data.readFor(network, net);
        int maxHessianParams = hessianLimits.maxParams;
        if (maxHessianParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-hessian-params must be at least 1");
        }
        int p = network.numParameters();
        if (hessianLimits.maxWork < 1 || maxCharpolyWork < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-hessian-work and --max-charpoly-work must be at least 1");
        }
        long normWork = BoundTerm.spectralNormWork(network);
        String normSkip = normWork <= maxCharpolyWork ? null : "skipped: the exact spectral norms of the weight matrices need about "
                + org.flatcheck.exact.WorkCount.approx(normWork) + " word operations (from their sizes and bit lengths), "
                + "above --max-charpoly-work " + maxCharpolyWork + "; raise it to wait for them";
        String tooMuch = hessianLimits.workRefusal(network, dataset);
        String skipped = p > maxHessianParams ? "skipped: P = " + p + " parameters > --max-hessian-params " + maxHessianParams
                + " (the term needs the exact Hessian)" : "skipped: " + tooMuch;
        List<Row> rows = Bounds.builtIns().stream()
                .map(t -> t.needsHessian() && (p > maxHessianParams || tooMuch != null)
                        ? new Row(t, new BoundValue.Undefined(skipped), Map.of())
                        : t.needsSpectralNorms() && normSkip != null ? new Row(t, new BoundValue.Undefined(normSkip), Map.of())
                        : new Row(t, t.compute(network, dataset, options), t.exactInputs(network, dataset, options))).toList();
        var out = spec.commandLine().getOut();
        out.print(format.format() == OutputFormat.JSON ? Json.pretty(BoundsReport.json(rows, options))
                : BoundsReport.text(rows, options));
        out.flush();
        return ExitCode.OK;
    }

    private BigFraction parseDelta() {
        BigFraction d;
        try {
            d = Q.parse(delta);
        } catch (NumberFormatException e) {
            throw new InputError("--delta", null, "'" + delta + "' is not a number",
                    "give δ as a decimal or p/q strictly between 0 and 1, e.g. --delta 0.05");
        }
        if (d.compareTo(BigFraction.ZERO) <= 0 || d.compareTo(BigFraction.ONE) >= 0) {
            throw new InputError("--delta", null, delta + " is outside (0, 1)",
                    "give δ strictly between 0 and 1, e.g. --delta 0.05");
        }
        return d;
    }

    private int parseDigits() {
        try {
            int k = Integer.parseInt(digits.strip());
            if (k >= 1 && k <= 1000) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InputError("--digits", null, "'" + digits + "' is not a whole number from 1 to 1000",
                "e.g. --digits 30");
    }
}
