package org.flatcheck.cli;

import java.util.concurrent.Callable;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.CertifiedSpectrum;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;
import org.flatcheck.report.HessianReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flatcheck hessian}: loss, gradient, exact Hessian statistics and certified eigenvalues. By default the
 * spectrum is {@link CertifiedSpectrum} (certified enclosures, exact rank and inertia, {@code --digits} by Kato–Temple;
 * proofs/certified-spectrum.md); {@code --charpoly} takes the exact characteristic polynomial route
 * ({@link Spectrum}); {@code --pdet} adds the characteristic polynomial's coefficients to the default route.
 * {@link HessianReport} computes and renders the report.
 */
@Command(name = "hessian", mixinStandardHelpOptions = true,
        description = {"Exact loss, gradient and Hessian of the squared loss at θ, with its certified spectrum. "
            + "L(θ) = (1/n) Σ ‖f(x) − y‖²; exact values print as p/q, eigenvalues as intervals [lo, hi] "
            + "that provably contain them. Exit 3 at a kink (a hidden pre-activation exactly 0)."})
final class HessianCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkInput net;

    @Mixin
    DatasetInput data;

    @Option(names = "--digits", paramLabel = "D",
            description = {"Refine the eigenvalue intervals to width ≤ 10^-D: by default every eigenvalue alone in its "
                + "enclosure cluster (Kato–Temple with an exact residual; clusters of several keep their enclosure); with "
                + "--charpoly every eigenvalue (default 30 there). Without it the enclosures are as tight as double "
                + "precision allows (about 10^-15 relative to the largest eigenvalue)."})
    Integer digits;

    @Option(names = "--charpoly", description = {"The characteristic polynomial route: exact charpoly, pseudo-determinant, "
        + "every eigenvalue to 10^-D (D = --digits, default 30); its cost grows like P⁴ (see --max-charpoly-params)."})
    boolean charpoly;

    @Option(names = "--pdet", description = "Also the exact pseudo-determinant (product of the nonzero eigenvalues), "
            + "from the exact characteristic polynomial's coefficients (no root isolation; guarded by --max-charpoly-params); "
            + "it also makes rank and inertia exact where the kernel basis does not verify.")
    boolean pdet;

    @Option(names = "--full", description = "Also print the full gradient and Hessian matrix.")
    boolean full;

    @Option(names = "--no-spectrum",
            description = "Skip the characteristic polynomial, rank, pseudo-determinant and eigenvalues.")
    boolean noSpectrum;

    @Mixin
    SpectrumLimits spectrumLimits;

    @Mixin
    HessianLimits hessianLimits;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        checkOptions();
        Network network = net.read();
        Dataset dataset = data.readFor(network, net);
        checkLimits(network.numParameters());
        hessianLimits.checkWork(spec, network, dataset);
        LocalModel model = LocalModel.of(network, dataset);
        boolean json = format.format() == OutputFormat.JSON;
        var out = spec.commandLine().getOut();
        if (model.kink().isPresent()) {
            KinkException kink = model.kink().get();
            out.print(json ? Json.pretty(HessianReport.kinkJson(model, kink)) : HessianReport.kinkText(model));
            out.flush();
            throw kink;
        }
        Progress progress = Progress.of(spec, "hessian: data points", dataset.size());
        HessianReport r = new HessianReport(model, noSpectrum ? HessianReport.Route.NONE
                : charpoly ? HessianReport.Route.CHARPOLY : HessianReport.Route.ENCLOSURE,
                Spectrum.widthForDigits(digits == null ? 30 : digits), !charpoly && digits != null, pdet && !charpoly,
                progress::update);
        progress.done();
        out.print(json ? Json.pretty(r.json(full)) : r.text(full));
        out.flush();
        return ExitCode.OK;
    }

    private void checkOptions() {
        if (digits != null && (digits < 1 || digits > 10_000)) {
            throw usage("--digits must be between 1 and 10000, got " + digits);
        }
        if (spectrumLimits.maxSpectrumParams < 1) {
            throw usage("--max-spectrum-params must be at least 1, got " + spectrumLimits.maxSpectrumParams
                    + "; to skip the spectrum use --no-spectrum");
        }
        if (spectrumLimits.maxCharpolyParams < 1) {
            throw usage("--max-charpoly-params must be at least 1, got " + spectrumLimits.maxCharpolyParams);
        }
        if (noSpectrum && (charpoly || pdet || digits != null)) {
            throw usage("--no-spectrum cannot be combined with --charpoly, --digits or --pdet");
        }
    }

    /** Refuses (exit 4) a Hessian or a spectrum route above its parameter limit. */
    private void checkLimits(int p) {
        if (hessianLimits.maxParams < 1) {
            throw usage("--max-hessian-params must be at least 1");
        }
        if (p > hessianLimits.maxParams) {
            throw new LimitExceeded("a Hessian with P = " + p + " parameters has P² = " + (long) p * p
                    + " exact entries, above --max-hessian-params " + hessianLimits.maxParams
                    + "; raise it if the memory allows, or use 'flatcheck paths' / 'audit' for path-based measures");
        }
        if (!noSpectrum && !charpoly && p > spectrumLimits.maxSpectrumParams) {
            throw new LimitExceeded("the certified spectrum of a Hessian with P = " + p + " parameters exceeds "
                    + "--max-spectrum-params " + spectrumLimits.maxSpectrumParams + "; raise it to wait for the spectrum, or "
                    + "pass --no-spectrum for the exact loss, gradient, trace and ‖H‖_F²");
        }
        if ((charpoly || pdet) && p > spectrumLimits.maxCharpolyParams) {
            throw new LimitExceeded("the characteristic polynomial of a Hessian with P = " + p + " parameters exceeds "
                    + "--max-charpoly-params " + spectrumLimits.maxCharpolyParams + " (--charpoly and --pdet take that "
                    + "route); raise it to wait for it, or drop those options for the certified enclosures, exact rank and "
                    + "inertia");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
