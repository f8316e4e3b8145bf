package org.flatcheck.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.IntConsumer;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.CertifiedSpectrum;
import org.flatcheck.exact.CharPoly;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;

/**
 * What {@code flatcheck hessian} reports at θ, computed once and rendered as text or JSON: outputs, the
 * loss L(θ) = (1/n) Σ ‖f(x) − y‖², ∇L, tr H, ‖H‖_F², and the spectrum of the exact Hessian H by one of two
 * routes ({@link Route}): certified enclosures with exact rank and inertia ({@link CertifiedSpectrum},
 * proofs/certified-spectrum.md), or the exact characteristic polynomial ({@link Spectrum}).
 */
public final class HessianReport {
    /** Which spectrum is computed. */
    public enum Route {
        /** None: loss, gradient, trace and Frobenius norm only. */
        NONE,
        /** Certified enclosures of a double eigendecomposition, exact rank and inertia. */
        ENCLOSURE,
        /** The exact characteristic polynomial, its roots isolated to a width. */
        CHARPOLY
    }

    private final LocalModel model;
    private final BigFraction[][] outputs;
    private final BigFraction loss;
    private final QVector gradient;
    private final QMatrix hessian;
    private final Spectrum spectrum;
    private final SpectrumFacts facts;
    private final BigFraction width;
    private final BigFraction pdet;

    /**
     * Computes everything once; the route decides which spectrum, if any; {@code refine}: Kato–Temple to
     * {@code width}; {@code withPdet}: the exact characteristic polynomial's coefficients beside the
     * enclosures; {@code progress} hears of every data point of the Hessian.
     *
     * @throws LimitExceeded if the certified enclosures cannot be completed
     */
    public HessianReport(LocalModel model, Route route, BigFraction width, boolean refine, boolean withPdet,
            IntConsumer progress) {
        this.model = model;
        this.outputs = model.outputs();
        this.loss = model.loss();
        this.gradient = model.gradient();
        this.hessian = model.hessian(progress);
        this.spectrum = route == Route.CHARPOLY ? Spectrum.of(hessian, width) : null;
        BigFraction[] chi = withPdet ? CharPoly.of(hessian) : null;
        this.pdet = spectrum != null ? spectrum.pseudoDeterminant() : chi == null ? null : Spectrum.pseudoDeterminant(chi);
        CertifiedSpectrum c = spectrum != null || route == Route.NONE ? null : certified(hessian);
        if (c != null && chi != null) {
            c = c.withInertia(CertifiedSpectrum.inertiaOf(chi));
        }
        if (c != null && refine) {
            c = c.refined(hessian, width);
        }
        SpectrumFacts f = route == Route.NONE ? null : spectrum != null ? SpectrumFacts.of(spectrum)
                : SpectrumFacts.of(c, refine ? width : null);
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

    /** The JSON report at a kink: outputs and loss (defined there), every kink site and the reason. */
    public static ObjectNode kinkJson(LocalModel model, KinkException kink) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("outputs", Numbers.matrix(model.outputs()));
        o.put("loss", Q.format(model.loss()));
        o.put("kink", true);
        o.put("kink_point", kink.point());
        o.put("kink_node", kink.node());
        ArrayNode sites = o.putArray("kink_sites");
        for (KinkException.Site site : kink.sites()) {
            sites.addObject().put("point", site.point()).put("node", site.node());
        }
        o.put("reason", kink.getMessage());
        return o;
    }

    /** The text report at a kink: the loss (the reason goes to stderr). */
    public static String kinkText(LocalModel model) {
        return "loss          " + Q.format(model.loss()) + "  ≈ " + Q.approx(model.loss(), 12) + "\n";
    }

    /** The JSON report; {@code full} adds the Hessian matrix. */
    public ObjectNode json(boolean full) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("network", model.network().name());
        o.put("num_params", model.network().numParameters());
        o.put("num_points", model.dataset().size());
        o.set("outputs", Numbers.matrix(outputs));
        o.put("loss", Q.format(loss));
        o.put("kink", false);
        o.set("gradient", Numbers.vector(gradient.toArray()));
        o.put("gradient_norm_squared", Q.format(gradient.normSquared()));
        o.put("hessian_trace", Q.format(hessian.trace()));
        o.put("hessian_frobenius_squared", Q.format(hessian.frobeniusSquared()));
        if (facts != null) {
            spectrumJson(o);
        }
        if (full) {
            o.set("hessian", Numbers.matrix(hessian.toArray()));
        }
        return o;
    }

    private void spectrumJson(ObjectNode o) {
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
            o.set("hessian_charpoly", Numbers.vector(spectrum.charPoly()));
        }
        ArrayNode eig = o.putArray("eigenvalues");
        facts.eigenvalues().forEach(i -> eig.add(Numbers.interval(i)));
        if (!facts.eigenvalues().isEmpty()) {
            o.set("lambda_min", Numbers.interval(facts.eigenvalues().get(0)));
            o.set("lambda_max", Numbers.interval(lambdaMax()));
        }
        if (facts.det() != null) {
            o.set("det", Numbers.interval(facts.det()));
        }
        if (facts.widerThanAsked() != null) {
            o.put("eigenvalues_wider_than_digits", facts.widerThanAsked());
        }
    }

    private Interval lambdaMax() {
        List<Interval> eig = facts.eigenvalues();
        return spectrum != null ? spectrum.lambdaMax() : eig.get(eig.size() - 1);
    }

    private static ObjectNode inertia(CertifiedSpectrum.Inertia in) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("positive", in.positive());
        o.put("zero", in.zero());
        o.put("negative", in.negative());
        return o;
    }

    /** The text report; {@code full} adds every partial derivative and the Hessian matrix. */
    public String text(boolean full) {
        Network network = model.network();
        StringBuilder sb = new StringBuilder();
        line(sb, "network", network + ", " + (network.hasBiases() ? "with" : "without") + " biases");
        line(sb, "data", model.dataset().size() + " points");
        StringBuilder outs = new StringBuilder();
        for (BigFraction[] row : outputs) {
            outs.append(outs.length() == 0 ? "" : "  ").append(Numbers.vector(row).toString().replace("\"", ""));
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
            spectrumText(sb);
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

    private void spectrumText(StringBuilder sb) {
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
            line(sb, "charpoly", Numbers.charPoly(spectrum.charPoly()));
        }
        sb.append(spectrum != null
                ? "eigenvalues (ascending, with multiplicity; each provably within ± of the value shown)\n"
                : "eigenvalues (ascending, with multiplicity; certified enclosures without the characteristic polynomial: "
                    + "each provably within ± of the value shown)\n");
        List<Interval> eig = facts.eigenvalues();
        for (Interval i : eig) {
            sb.append("  ").append(Numbers.approx(i)).append('\n');
        }
        if (!eig.isEmpty()) {
            line(sb, "λ_min", Numbers.approx(eig.get(0)));
            Interval max = lambdaMax();
            line(sb, "λ_max", Numbers.approx(max));
            line(sb, "  exactly in", max.toString());
        }
        if (facts.det() != null) {
            line(sb, "det H", Numbers.approx(facts.det()));
        }
        if (facts.widerThanAsked() != null) {
            line(sb, "refined", facts.widerThanAsked() == 0 ? "every interval within " + Q.approx(width, 2)
                    : facts.widerThanAsked() + " intervals wider than " + Q.approx(width, 2)
                        + " (eigenvalues sharing an enclosure cluster keep it; --charpoly refines every one)");
        }
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-14s", label)).append(label.length() >= 14 ? " " : "").append(value).append('\n');
    }

    private static void exact(StringBuilder sb, String label, BigFraction v) {
        String text = Q.format(v);
        line(sb, label, text.length() > 60 ? Q.approx(v, 20) + "  (exact: " + text + ")"
                : text + (v.getDenominator().equals(java.math.BigInteger.ONE) ? "" : "  ≈ " + Q.approx(v, 12)));
    }
}
