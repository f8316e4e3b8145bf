package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.verify.CountKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.PsiMeasures;
import org.flatcheck.network.Forward;
import org.flatcheck.network.Network;
import org.flatcheck.paths.Incidence;
import org.flatcheck.paths.Path;
import org.flatcheck.paths.PathEnumerator;

/**
 * The quantities a certificate's checks compare, each with the value the prover computed by
 * flatcheck's main route ({@code calculus.LocalModel}'s fraction-free backward passes, {@code paths}'
 * Bareiss ranks). {@code verify-certificate} recomputes each one by its own route; the two share only the
 * names ({@link QuantityKind}). Every method takes the network and dataset by the name they have in the
 * certificate, plus the objects themselves.
 */
final class Quantities {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Quantities() {
    }

    static ObjectNode constant(BigFraction v) {
        return q(QuantityKind.CONSTANT, v);
    }

    static ObjectNode constant(BigFraction[] v) {
        return q(QuantityKind.CONSTANT, v);
    }

    static ObjectNode loss(String name, Network net, String dname, Dataset data) {
        return q(QuantityKind.LOSS, LocalModel.of(net, data).loss()).put("net", name).put("data", dname);
    }

    static ObjectNode output(String name, Network net, BigFraction[] x) {
        ObjectNode o = q(QuantityKind.OUTPUT, Forward.run(net, x).outputs()).put("net", name);
        o.set("input", array(x));
        return o;
    }

    /** {@code d/dt f_{θ+tu}(x)} at 0, by the output Jacobian. */
    static ObjectNode outputD1(String name, Network net, BigFraction[] x, BigFraction[] u) {
        BigFraction[] zeros = new BigFraction[net.numOutputs()];
        java.util.Arrays.fill(zeros, BigFraction.ZERO);
        LocalModel m = LocalModel.of(net, Dataset.of(new BigFraction[][] {x}, new BigFraction[][] {zeros}));
        ObjectNode o = q(QuantityKind.OUTPUT_D1, m.outputJacobian().multiply(QVector.of(u)).toArray()).put("net", name);
        o.set("input", array(x));
        o.set("u", array(u));
        return o;
    }

    static ObjectNode d1(String name, Network net, String dname, Dataset data, BigFraction[] u) {
        ObjectNode o = q(QuantityKind.D1, LocalModel.of(net, data).gradient().dot(QVector.of(u))).put("net", name).put("data", dname);
        o.set("u", array(u));
        return o;
    }

    static ObjectNode d2(String name, Network net, String dname, Dataset data, BigFraction[] u) {
        ObjectNode o = q(QuantityKind.D2, quadratic(LocalModel.of(net, data).hessian(), u)).put("net", name).put("data", dname);
        o.set("u", array(u));
        return o;
    }

    static ObjectNode rayleigh(String name, Network net, String dname, Dataset data, BigFraction[] u) {
        BigFraction r = quadratic(LocalModel.of(net, data).hessian(), u).divide(QVector.of(u).normSquared());
        ObjectNode o = q(QuantityKind.RAYLEIGH, r).put("net", name).put("data", dname);
        o.set("u", array(u));
        return o;
    }

    /** {@code ‖∇L(θ)‖²}: 0 exactly at a critical point. */
    static ObjectNode gradientNormSquared(String name, Network net, String dname, Dataset data) {
        return q(QuantityKind.GRADIENT_NORM_SQUARED, LocalModel.of(net, data).gradient().normSquared()).put("net", name).put("data", dname);
    }

    /** {@code ∇L(θ)}, in the network's parameter order. */
    static ObjectNode gradient(String name, Network net, String dname, Dataset data) {
        return q(QuantityKind.GRADIENT, LocalModel.of(net, data).gradient().toArray()).put("net", name).put("data", dname);
    }

    static ObjectNode hessianTrace(String name, Network net, String dname, Dataset data) {
        return q(QuantityKind.HESSIAN_TRACE, LocalModel.of(net, data).hessian().trace()).put("net", name).put("data", dname);
    }

    static ObjectNode weightedHessianTrace(String name, Network net, String dname, Dataset data, BigFraction[] w) {
        QMatrix h = LocalModel.of(net, data).hessian();
        BigFraction s = BigFraction.ZERO;
        for (int k = 0; k < w.length; k++) {
            s = s.add(w[k].multiply(h.get(k, k)));
        }
        ObjectNode o = q(QuantityKind.WEIGHTED_HESSIAN_TRACE, s).put("net", name).put("data", dname);
        o.set("weights", array(w));
        return o;
    }

    /** {@code Σₖ θₖ² Hₖₖ + Σₖ θₖ ∂ₖL}, the trace of the Hessian in the log chart, as the catalog computes it. */
    static ObjectNode logHessianTrace(String name, Network net, String dname, Dataset data) {
        return measure(QuantityKind.LOG_HESSIAN_TRACE, "log-hessian-trace", name, net, dname, data);
    }

    /** {@code (θ∘u)ᵀH(θ∘u) + Σₖ θₖ ∂ₖL uₖ²}, the log-chart Hessian's quadratic form along u. */
    static ObjectNode logHessianD2(String name, Network net, String dname, Dataset data, BigFraction[] u) {
        LocalModel m = LocalModel.of(net, data);
        BigFraction[] theta = net.parameters();
        BigFraction[] tu = new BigFraction[u.length];
        BigFraction lin = BigFraction.ZERO;
        QVector g = m.gradient();
        for (int k = 0; k < u.length; k++) {
            tu[k] = theta[k].multiply(u[k]);
            lin = lin.add(tu[k].multiply(u[k]).multiply(g.get(k)));
        }
        ObjectNode o = q(QuantityKind.LOG_HESSIAN_D2, quadratic(m.hessian(), tu).add(lin)).put("net", name).put("data", dname);
        o.set("u", array(u));
        return o;
    }

    /** {@code (1/n) ‖J diag(θ)‖_F²}, Kim et al.'s connectivity sharpness, as the catalog computes it. */
    static ObjectNode connectivitySharpness(String name, Network net, String dname, Dataset data) {
        return measure(QuantityKind.CONNECTIVITY_SHARPNESS, "connectivity-sharpness", name, net, dname, data);
    }

    /** {@code tr(F⁺C)}, the squared-loss form of Jang et al.'s sharpness, as the catalog computes it. */
    static ObjectNode fisherSharpness(String name, Network net, String dname, Dataset data) {
        return measure(QuantityKind.FISHER_SHARPNESS, "fisher-sharpness", name, net, dname, data);
    }

    static ObjectNode fisherRao(String name, Network net, String dname, Dataset data) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction d : LocalModel.of(net, data).pointLossDerivatives(net.parameters())) {
            s = s.add(d.multiply(d));
        }
        return q(QuantityKind.FISHER_RAO, s.divide(data.size())).put("net", name).put("data", dname);
    }

    static ObjectNode pathValue(String name, Network net, Path p) {
        ObjectNode o = q(QuantityKind.PATH_VALUE, p.value(net)).put("net", name);
        o.set("path", nodes(net, p));
        return o;
    }

    static ObjectNode incidenceRank(String name, Network net, boolean biases) {
        int rank = Incidence.rank(net, PathEnumerator.enumerate(net, biases, 1_000_000));
        return q(QuantityKind.INCIDENCE_RANK, Q.of(rank)).put("net", name).put("biases", biases);
    }

    static ObjectNode count(String name, Network net, CountKind what) {
        long c = switch (what) {
            case PARAMETERS -> net.numParameters();
            case WEIGHTS -> net.edges().stream().filter(e -> !e.isBias()).count();
            case HIDDEN -> net.numHidden();
            case PATHS -> PathEnumerator.count(net, false).longValueExact();
        };
        return q(QuantityKind.COUNT, Q.of(c)).put("net", name).put("what", what.wire());
    }

    static ObjectNode keskarRatio(String center, Network a, String point, Network b, String dname, Dataset data) {
        BigFraction l0 = LocalModel.of(a, data).loss();
        BigFraction l1 = LocalModel.of(b, data).loss();
        return q(QuantityKind.KESKAR_RATIO, l1.subtract(l0).multiply(100).divide(l0.add(BigFraction.ONE)))
                .put("center", center).put("point", point).put("data", dname);
    }

    /**
     * {@code psi-flatness-trace} with flatcheck's section for the skeleton rule; the value is the
     * catalog measure's (null if it is not exact here, e.g. a zero parameter).
     */
    static ObjectNode psiTrace(String name, Network net, String dname, Dataset data, String rule) {
        BigFraction v = Support.exactMeasure("psi-flatness-trace", net, data, Options.DEFAULTS.withSkeleton(rule));
        if (v == null) {
            return null;
        }
        PsiMeasures.Section s = PsiMeasures.section(net, rule);
        ObjectNode o = q(QuantityKind.PSI_TRACE, v).put("net", name).put("data", dname).put("skeleton", rule);
        ArrayNode basis = o.putArray("basis");
        for (Path p : s.basis().paths()) {
            basis.add(nodes(net, p));
        }
        ArrayNode signs = o.putArray("signs");
        for (int k = 0; k < s.parameters(); k++) {
            signs.add(Integer.toString(s.sign(k)));
        }
        ArrayNode e = o.putArray("exponents");
        for (int k = 0; k < s.parameters(); k++) {
            ArrayNode r = e.addArray();
            for (int b = 0; b < s.basis().size(); b++) {
                r.add(s.exponent(k, b));
            }
        }
        return o;
    }

    static ObjectNode measure(QuantityKind kind, String id, String name, Network net, String dname, Dataset data) {
        BigFraction v = Support.exactMeasure(id, net, data, Options.DEFAULTS);
        return v == null ? null : q(kind, v).put("net", name).put("data", dname);
    }

    static ObjectNode adaptiveD2(String name, Network net, String dname, Dataset data, BigFraction[] u) {
        BigFraction[] theta = net.parameters();
        BigFraction[] tu = new BigFraction[u.length];
        for (int k = 0; k < u.length; k++) {
            tu[k] = theta[k].abs().multiply(u[k]);
        }
        ObjectNode o = q(QuantityKind.ADAPTIVE_D2, quadratic(LocalModel.of(net, data).hessian(), tu)).put("net", name).put("data", dname);
        o.set("u", array(u));
        return o;
    }

    static ObjectNode sum(ObjectNode... terms) {
        BigFraction s = BigFraction.ZERO;
        ArrayNode t = F.arrayNode();
        for (ObjectNode term : terms) {
            s = s.add(Q.parse(term.get("value").asText()));
            t.add(term);
        }
        ObjectNode o = q(QuantityKind.SUM, s);
        o.set("terms", t);
        return o;
    }

    /** {@code factor · q}: the recorded value is scaled too. */
    static ObjectNode times(BigFraction factor, ObjectNode q) {
        ObjectNode o = q.deepCopy();
        o.put("factor", Q.format(factor));
        if (o.get("value").isArray()) {
            ArrayNode a = F.arrayNode();
            o.get("value").forEach(v -> a.add(Q.format(Q.parse(v.asText()).multiply(factor))));
            o.set("value", a);
        } else {
            o.put("value", Q.format(Q.parse(o.get("value").asText()).multiply(factor)));
        }
        return o;
    }

    /** The recorded value of a scalar quantity. */
    static BigFraction value(ObjectNode q) {
        return Q.parse(q.get("value").asText());
    }

    static ArrayNode nodes(Network net, Path p) {
        ArrayNode a = F.arrayNode();
        for (int v : p.nodes(net)) {
            a.add(net.node(v).name());
        }
        return a;
    }

    static ArrayNode array(BigFraction[] xs) {
        ArrayNode a = F.arrayNode();
        for (BigFraction x : xs) {
            a.add(Q.format(x));
        }
        return a;
    }

    private static BigFraction quadratic(QMatrix h, BigFraction[] u) {
        return QVector.of(u).dot(h.multiply(QVector.of(u)));
    }

    private static ObjectNode q(QuantityKind kind, BigFraction value) {
        ObjectNode o = F.objectNode();
        o.put("q", kind.wire());
        o.put("value", Q.format(value));
        return o;
    }

    private static ObjectNode q(QuantityKind kind, BigFraction[] value) {
        ObjectNode o = F.objectNode();
        o.put("q", kind.wire());
        o.set("value", array(value));
        return o;
    }
}
