package org.flatcheck.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.network.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flatcheck hessian}: loss, gradient, exact Hessian statistics and certified eigenvalues. */
@Command(name = "hessian", mixinStandardHelpOptions = true,
        description = {"Exact loss, gradient and Hessian of the squared loss at θ, with its certified spectrum. "
            + "L(θ) = (1/n) Σ ‖f(x) − y‖²; exact values print as p/q, eigenvalues as intervals [lo, hi] "
            + "that provably contain them. Exit 3 at a kink (a hidden pre-activation exactly 0)."})
final class HessianCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--net", required = true, paramLabel = "FILE", description = "Network file (layered or DAG JSON).")
    Path net;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (JSON, or CSV by extension).")
    Path data;

    @Option(names = "--digits", defaultValue = "30", paramLabel = "D",
            description = "Certify every eigenvalue to an interval of width ≤ 10^-D (default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--full", description = "Also print the full gradient and Hessian matrix.")
    boolean full;

    @Option(names = "--no-spectrum",
            description = "Skip the characteristic polynomial, rank, pseudo-determinant and eigenvalues.")
    boolean noSpectrum;

    @Option(names = "--max-spectrum-params", defaultValue = "200", paramLabel = "P",
            description = {"Refuse (exit 4) the certified spectrum above P parameters (default ${DEFAULT-VALUE}):",
                "its cost grows like P⁴ (characteristic polynomial) and reaches minutes near P = 400."})
    int maxSpectrumParams;

    @Option(names = "--max-hessian-params", defaultValue = "3000", paramLabel = "P",
            description = "Refuse (exit 4) the Hessian itself above P parameters (default ${DEFAULT-VALUE}): it has P² "
                + "exact entries (memory grows like P²·bits).")
    int maxHessianParams;

    @Option(names = "--max-hessian-work", defaultValue = "" + HessianLimits.DEFAULT_MAX_WORK, paramLabel = "OPS",
            description = "Refuse (exit 4) a Hessian estimated, from the sizes and bit lengths of the network and data, to "
                + "take more word operations (default ${DEFAULT-VALUE}, a few minutes).")
    long maxHessianWork;

    @Option(names = "--json", description = "Machine-readable JSON on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (digits < 1 || digits > 10_000) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--digits must be between 1 and 10000, got " + digits);
        }
        if (maxSpectrumParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-spectrum-params must be at least 1, got " + maxSpectrumParams + "; to skip the spectrum use --no-spectrum");
        }
        Network network = NetworkJson.read(net);
        Dataset dataset = Datasets.readFor(network, net, data);
        if (maxHessianParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-hessian-params must be at least 1");
        }
        if (network.numParameters() > maxHessianParams) {
            throw new LimitExceeded("a Hessian with P = " + network.numParameters() + " parameters has P² = "
                    + (long) network.numParameters() * network.numParameters() + " exact entries, above --max-hessian-params "
                    + maxHessianParams + "; raise it if the memory allows, or use 'flatcheck paths' / 'audit' for path-based measures");
        }
        if (!noSpectrum && network.numParameters() > maxSpectrumParams) {
            throw new LimitExceeded("the certified spectrum of a Hessian with P = " + network.numParameters()
                    + " parameters exceeds --max-spectrum-params " + maxSpectrumParams
                    + "; raise it to wait for the spectrum, or pass --no-spectrum for the exact loss, gradient, trace and ‖H‖_F²");
        }
        HessianLimits.check(spec, network, dataset, maxHessianWork);
        LocalModel model = LocalModel.of(network, dataset);
        var out = spec.commandLine().getOut();
        if (model.kink().isPresent()) {
            KinkException kink = model.kink().get();
            out.print(json ? kinkJson(model, kink) : kinkText(model));
            out.flush();
            throw kink;
        }
        Progress progress = Progress.of(spec, "hessian: data points", dataset.size());
        Result r = new Result(model, noSpectrum ? null : Spectrum.widthForDigits(digits), progress::update);
        progress.done();
        out.print(json ? r.json(full) : r.text(full, network, dataset));
        out.flush();
        return ExitCode.OK;
    }

    private static String kinkJson(LocalModel model, KinkException kink) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("outputs", matrix(model.outputs()));
        o.put("loss", Q.format(model.loss()));
        o.put("kink", true);
        o.put("kink_point", kink.point());
        o.put("kink_node", kink.node());
        ArrayNode sites = o.putArray("kink_sites");
        for (KinkException.Site site : kink.sites()) {
            sites.addObject().put("point", site.point()).put("node", site.node());
        }
        o.put("reason", kink.getMessage());
        return Json.pretty(o);
    }

    private static String kinkText(LocalModel model) {
        return "loss          " + Q.format(model.loss()) + "  ≈ " + Q.approx(model.loss(), 12) + "\n";
    }

    static ArrayNode vector(BigFraction[] v) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (BigFraction x : v) {
            a.add(Q.format(x));
        }
        return a;
    }

    static ArrayNode matrix(BigFraction[][] m) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (BigFraction[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    static ObjectNode interval(Interval i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("lo", Q.format(i.lo()));
        o.put("hi", Q.format(i.hi()));
        return o;
    }

    /** Everything the command reports, computed once. */
    private static final class Result {
        final LocalModel model;
        final BigFraction[][] outputs;
        final BigFraction loss;
        final QVector gradient;
        final QMatrix hessian;
        final Spectrum spectrum;

        /** Computes everything once; {@code width} null skips the spectrum. */
        Result(LocalModel model, BigFraction width, java.util.function.IntConsumer progress) {
            this.model = model;
            this.outputs = model.outputs();
            this.loss = model.loss();
            this.gradient = model.gradient();
            this.hessian = model.hessian(progress);
            this.spectrum = width == null ? null : Spectrum.of(hessian, width);
        }

        String json(boolean full) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("network", model.network().name());
            o.put("num_params", model.network().numParameters());
            o.put("num_points", model.dataset().size());
            o.set("outputs", matrix(outputs));
            o.put("loss", Q.format(loss));
            o.put("kink", false);
            o.set("gradient", vector(gradient.toArray()));
            o.put("gradient_norm_squared", Q.format(gradient.normSquared()));
            o.put("hessian_trace", Q.format(hessian.trace()));
            o.put("hessian_frobenius_squared", Q.format(hessian.frobeniusSquared()));
            if (spectrum != null) {
                o.put("hessian_rank", spectrum.rank());
                o.put("hessian_pdet", Q.format(spectrum.pseudoDeterminant()));
                o.set("hessian_charpoly", vector(spectrum.charPoly()));
                ArrayNode eig = o.putArray("eigenvalues");
                spectrum.eigenvalues().forEach(i -> eig.add(interval(i)));
                if (!spectrum.eigenvalues().isEmpty()) {
                    o.set("lambda_max", interval(spectrum.lambdaMax()));
                }
            }
            if (full) {
                o.set("hessian", matrix(hessian.toArray()));
            }
            return Json.pretty(o);
        }

        String text(boolean full, Network network, Dataset dataset) {
            StringBuilder sb = new StringBuilder();
            line(sb, "network", network + ", " + (network.hasBiases() ? "with" : "without") + " biases");
            line(sb, "data", dataset.size() + " points");
            StringBuilder outs = new StringBuilder();
            for (BigFraction[] row : outputs) {
                outs.append(outs.length() == 0 ? "" : "  ").append(vector(row).toString().replace("\"", ""));
            }
            line(sb, "outputs", outs.toString());
            exact(sb, "loss", loss);
            exact(sb, "‖∇L‖²", gradient.normSquared());
            if (full) {
                for (int k = 0; k < gradient.size(); k++) {
                    line(sb, "  ∂L/∂" + network.parameterName(k), Q.format(gradient.get(k)));
                }
            }
            exact(sb, "tr H", hessian.trace());
            exact(sb, "‖H‖_F²", hessian.frobeniusSquared());
            if (spectrum != null) {
                line(sb, "rank H", spectrum.rank() + " of " + hessian.rows());
                exact(sb, "pdet H", spectrum.pseudoDeterminant());
                line(sb, "charpoly", charPoly(spectrum.charPoly()));
                sb.append("eigenvalues (ascending, with multiplicity; each provably within ± of the value shown)\n");
                List<Interval> eig = spectrum.eigenvalues();
                for (Interval i : eig) {
                    sb.append("  ").append(approxInterval(i)).append('\n');
                }
                if (!eig.isEmpty()) {
                    Interval max = spectrum.lambdaMax();
                    line(sb, "λ_max", approxInterval(max));
                    line(sb, "  exactly in", max.toString());
                }
            }
            if (full) {
                sb.append("Hessian (row by row, parameter order)\n");
                for (int a = 0; a < hessian.rows(); a++) {
                    StringBuilder row = new StringBuilder();
                    for (int b = 0; b < hessian.cols(); b++) {
                        row.append(b == 0 ? "" : " ").append(Q.format(hessian.get(a, b)));
                    }
                    line(sb, "  " + network.parameterName(a), row.toString());
                }
            }
            return sb.toString();
        }

        private static void line(StringBuilder sb, String label, String value) {
            sb.append(String.format("%-14s", label)).append(label.length() >= 14 ? " " : "").append(value).append('\n');
        }

        private static void exact(StringBuilder sb, String label, BigFraction v) {
            String text = Q.format(v);
            line(sb, label, text.length() > 60 ? Q.approx(v, 20) + "  (exact: " + text + ")"
                    : text + (v.getDenominator().equals(java.math.BigInteger.ONE) ? "" : "  ≈ " + Q.approx(v, 12)));
        }

        /** An exact point as p/q, otherwise the midpoint to 25 digits and the certified radius. */
        private static String approxInterval(Interval i) {
            if (i.isPoint()) {
                return Q.format(i.lo()) + " (exact)";
            }
            return Q.approx(i.midpoint(), 25) + "  (± " + Q.approx(i.width().divide(2), 2) + ")";
        }

        private static String charPoly(BigFraction[] c) {
            StringBuilder sb = new StringBuilder();
            int n = c.length - 1;
            for (int k = 0; k <= n; k++) {
                if (c[k].getNumerator().signum() == 0) {
                    continue;
                }
                BigFraction a = c[k].abs();
                sb.append(sb.length() == 0 ? (Q.signum(c[k]) < 0 ? "−" : "") : Q.signum(c[k]) < 0 ? " − " : " + ");
                int p = n - k;
                boolean one = a.equals(BigFraction.ONE);
                if (!one || p == 0) {
                    sb.append(Q.format(a));
                }
                if (p > 0) {
                    sb.append(one ? "" : "·").append(p == 1 ? "λ" : "λ^" + p);
                }
            }
            return sb.toString();
        }
    }
}
