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
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.AlgebraicNumber;
import org.flatcheck.exact.CertifiedSpectrum;
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

/**
 * {@code flatcheck hessian}: loss, gradient, exact Hessian statistics and certified eigenvalues. By default the
 * spectrum is {@link CertifiedSpectrum} (certified enclosures, exact rank and inertia, {@code --digits} by Kato–Temple;
 * proofs/certified-spectrum.md); {@code --charpoly} takes the exact characteristic polynomial route
 * ({@link Spectrum}); {@code --pdet} adds the characteristic polynomial's coefficients to the default route.
 */
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

    @Option(names = "--max-spectrum-params", defaultValue = "3000", paramLabel = "P",
            description = {"Refuse (exit 4) the certified enclosures above P parameters (default ${DEFAULT-VALUE}):",
                "their cost grows like P³ (seconds at P = 1300)."})
    int maxSpectrumParams;

    @Option(names = "--max-charpoly-params", defaultValue = "200", paramLabel = "P",
            description = {"Refuse (exit 4) the characteristic polynomial route (--charpoly, --pdet) above P "
                + "parameters (default ${DEFAULT-VALUE}): its cost grows like P⁴ and reaches minutes near P = 400."})
    int maxCharpolyParams;

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
        if (digits != null && (digits < 1 || digits > 10_000)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--digits must be between 1 and 10000, got " + digits);
        }
        if (maxSpectrumParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-spectrum-params must be at least 1, got " + maxSpectrumParams + "; to skip the spectrum use --no-spectrum");
        }
        if (maxCharpolyParams < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-charpoly-params must be at least 1, got " + maxCharpolyParams);
        }
        boolean exactRoute = charpoly;
        if (noSpectrum && (charpoly || pdet || digits != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--no-spectrum cannot be combined with --charpoly, --digits or --pdet");
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
        if (!noSpectrum && !exactRoute && network.numParameters() > maxSpectrumParams) {
            throw new LimitExceeded("the certified spectrum of a Hessian with P = " + network.numParameters()
                    + " parameters exceeds --max-spectrum-params " + maxSpectrumParams
                    + "; raise it to wait for the spectrum, or pass --no-spectrum for the exact loss, gradient, trace and ‖H‖_F²");
        }
        if ((charpoly || pdet) && network.numParameters() > maxCharpolyParams) {
            throw new LimitExceeded("the characteristic polynomial of a Hessian with P = " + network.numParameters()
                    + " parameters exceeds --max-charpoly-params " + maxCharpolyParams
                    + " (--charpoly and --pdet take that route); raise it to wait for it, or drop those options "
                    + "for the certified enclosures, exact rank and inertia");
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
        Result r = new Result(model, noSpectrum ? Route.NONE : exactRoute ? Route.CHARPOLY : Route.ENCLOSURE,
                Spectrum.widthForDigits(digits == null ? 30 : digits), !exactRoute && digits != null, pdet && !exactRoute,
                progress::update);
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

    /** Which spectrum the command computes. */
    private enum Route { NONE, ENCLOSURE, CHARPOLY }

    /**
     * The spectral facts both routes report: the k-th interval holds the k-th smallest eigenvalue; rank and
     * inertia exact, or (enclosure route, kernel not verified) only bounded.
     */
    private record Facts(List<Interval> eigenvalues, Integer rank, int rankLo, int rankHi, CertifiedSpectrum.Inertia inertia,
            CertifiedSpectrum.Inertia inertiaLo, CertifiedSpectrum.Inertia inertiaHi, Interval det, String method,
            Integer widerThanAsked) {
        static Facts of(CertifiedSpectrum s, BigFraction refinedTo) {
            CertifiedSpectrum.Inertia in = s.inertia().orElse(null);
            return new Facts(s.eigenvalues(), s.rankCertified() ? s.rank() : null, s.rankLowerBound(), s.rankUpperBound(), in,
                    s.inertiaLowerBound(), s.inertiaUpperBound(), s.determinant(20).orElse(null), "enclosure",
                    refinedTo == null ? null : s.widerThan(refinedTo));
        }

        Facts withDet(Interval exactDet) {
            return new Facts(eigenvalues, rank, rankLo, rankHi, inertia, inertiaLo, inertiaHi, exactDet, method, widerThanAsked);
        }

        static Facts of(Spectrum s) {
            int pos = 0;
            int neg = 0;
            for (AlgebraicNumber x : s.exactEigenvalues()) {
                int c = x.compareTo(AlgebraicNumber.rational(BigFraction.ZERO));
                pos += c > 0 ? 1 : 0;
                neg += c < 0 ? 1 : 0;
            }
            int n = s.exactEigenvalues().size();
            CertifiedSpectrum.Inertia in = new CertifiedSpectrum.Inertia(pos, n - s.rank(), neg);
            Interval det = s.rank() == n ? Interval.point(s.pseudoDeterminant()) : null;
            return new Facts(s.eigenvalues(), s.rank(), s.rank(), s.rank(), in, in, in, det, "charpoly", null);
        }
    }

    /** Everything the command reports, computed once. */
    private static final class Result {
        final LocalModel model;
        final BigFraction[][] outputs;
        final BigFraction loss;
        final QVector gradient;
        final QMatrix hessian;
        final Spectrum spectrum;
        final Facts facts;
        final BigFraction width;
        final BigFraction pdet;

        /**
         * Computes everything once; the route decides which spectrum, if any; {@code refine}: Kato–Temple to width;
         * {@code withPdet}: the exact characteristic polynomial's coefficients beside the enclosures;
         * {@code progress} hears of every data point of the Hessian.
         */
        Result(LocalModel model, Route route, BigFraction width, boolean refine, boolean withPdet,
                java.util.function.IntConsumer progress) {
            this.model = model;
            this.outputs = model.outputs();
            this.loss = model.loss();
            this.gradient = model.gradient();
            this.hessian = model.hessian(progress);
            this.spectrum = route == Route.CHARPOLY ? Spectrum.of(hessian, width) : null;
            BigFraction[] chi = withPdet ? org.flatcheck.exact.CharPoly.of(hessian) : null;
            this.pdet = spectrum != null ? spectrum.pseudoDeterminant() : chi == null ? null : Spectrum.pseudoDeterminant(chi);
            CertifiedSpectrum c = spectrum != null || route == Route.NONE ? null : certified(hessian);
            if (c != null && chi != null) {
                c = c.withInertia(CertifiedSpectrum.inertiaOf(chi));
            }
            if (c != null && refine) {
                c = c.refined(hessian, width);
            }
            Facts f = route == Route.NONE ? null : spectrum != null ? Facts.of(spectrum) : Facts.of(c, refine ? width : null);
            this.facts = f != null && chi != null && f.rank() == hessian.rows() ? f.withDet(Interval.point(pdet)) : f;
            this.width = width;
        }

        private static CertifiedSpectrum certified(QMatrix h) {
            try {
                return CertifiedSpectrum.of(h);
            } catch (ArithmeticException e) {
                throw new LimitExceeded("the certified enclosures could not be completed (" + e.getMessage()
                        + "); pass --charpoly (raising --max-charpoly-params if needed) for the exact route");
            }
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
            if (facts != null) {
                o.put("spectrum_method", facts.method());
                if (facts.rank() != null) {
                    o.put("hessian_rank", facts.rank());
                    o.set("inertia", inertia(facts.inertia()));
                } else {
                    o.putObject("hessian_rank_bounds").put("lo", facts.rankLo()).put("hi", facts.rankHi());
                    ObjectNode b = o.putObject("inertia_bounds");
                    b.set("lo", inertia(facts.inertiaLo()));
                    b.set("hi", inertia(facts.inertiaHi()));
                }
                if (pdet != null) {
                    o.put("hessian_pdet", Q.format(pdet));
                }
                if (spectrum != null) {
                    o.set("hessian_charpoly", vector(spectrum.charPoly()));
                }
                ArrayNode eig = o.putArray("eigenvalues");
                facts.eigenvalues().forEach(i -> eig.add(interval(i)));
                if (!facts.eigenvalues().isEmpty()) {
                    o.set("lambda_min", interval(facts.eigenvalues().get(0)));
                    o.set("lambda_max", interval(spectrum != null ? spectrum.lambdaMax()
                            : facts.eigenvalues().get(facts.eigenvalues().size() - 1)));
                }
                if (facts.det() != null) {
                    o.set("det", interval(facts.det()));
                }
                if (facts.widerThanAsked() != null) {
                    o.put("eigenvalues_wider_than_digits", facts.widerThanAsked());
                }
            }
            if (full) {
                o.set("hessian", matrix(hessian.toArray()));
            }
            return Json.pretty(o);
        }

        private static ObjectNode inertia(CertifiedSpectrum.Inertia in) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("positive", in.positive());
            o.put("zero", in.zero());
            o.put("negative", in.negative());
            return o;
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
            if (facts != null) {
                if (facts.rank() != null) {
                    line(sb, "rank H", facts.rank() + " of " + hessian.rows());
                    CertifiedSpectrum.Inertia in = facts.inertia();
                    line(sb, "inertia", in.positive() + " positive, " + in.zero() + " zero, " + in.negative() + " negative");
                } else {
                    line(sb, "rank H", "between " + facts.rankLo() + " and " + facts.rankHi() + " of " + hessian.rows()
                            + " (elimination mod p bounds it below; only " + (hessian.rows() - facts.rankHi())
                            + " kernel vectors verified exactly, the rest of a kernel basis did not reconstruct; the eigenvalues "
                            + "around 0 keep their enclosure; --pdet gives the exact rank through the characteristic polynomial)");
                    CertifiedSpectrum.Inertia lo = facts.inertiaLo();
                    CertifiedSpectrum.Inertia hi = facts.inertiaHi();
                    line(sb, "inertia", lo.positive() + ".." + hi.positive() + " positive, " + lo.zero() + ".." + hi.zero()
                            + " zero, " + lo.negative() + ".." + hi.negative() + " negative (bounds)");
                }
                if (pdet != null) {
                    exact(sb, "pdet H", pdet);
                }
                if (spectrum != null) {
                    line(sb, "charpoly", charPoly(spectrum.charPoly()));
                }
                sb.append(spectrum != null
                        ? "eigenvalues (ascending, with multiplicity; each provably within ± of the value shown)\n"
                        : "eigenvalues (ascending, with multiplicity; certified enclosures without the characteristic polynomial: "
                            + "each provably within ± of the value shown)\n");
                List<Interval> eig = facts.eigenvalues();
                for (Interval i : eig) {
                    sb.append("  ").append(approxInterval(i)).append('\n');
                }
                if (!eig.isEmpty()) {
                    line(sb, "λ_min", approxInterval(eig.get(0)));
                    Interval max = spectrum != null ? spectrum.lambdaMax() : eig.get(eig.size() - 1);
                    line(sb, "λ_max", approxInterval(max));
                    line(sb, "  exactly in", max.toString());
                }
                if (facts.det() != null) {
                    line(sb, "det H", approxInterval(facts.det()));
                }
                if (facts.widerThanAsked() != null) {
                    line(sb, "refined", facts.widerThanAsked() == 0 ? "every interval within " + Q.approx(width, 2)
                            : facts.widerThanAsked() + " intervals wider than " + Q.approx(width, 2)
                                + " (eigenvalues sharing an enclosure cluster keep it; --charpoly refines every one)");
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

        /**
         * An exact point as p/q, otherwise the midpoint and the certified radius; the midpoint to as many
         * significant digits as the interval resolves plus two (at most 25).
         */
        private static String approxInterval(Interval i) {
            if (i.isPoint()) {
                return Q.format(i.lo()) + " (exact)";
            }
            BigFraction mid = i.midpoint();
            int digits = 25;
            if (mid.getNumerator().signum() != 0) {
                double ratio = Math.abs(mid.doubleValue()) / i.width().doubleValue();
                digits = ratio > 0 && Double.isFinite(ratio) ? (int) Math.max(3, Math.min(25, Math.floor(StrictMath.log10(ratio)) + 3)) : 25;
            }
            return Q.approx(mid, digits) + "  (± " + Q.approx(i.width().divide(2), 2) + ")";
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
