package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.CertificateReader.FIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Network;

/**
 * The checker's recomputation of a certificate's stated facts: each check by the {@link CheckHandler} of its
 * {@link CheckKind}, each quantity by the {@link QuantityHandler} of its {@link QuantityKind}, with the
 * checker's own evaluator ({@link IndependentEvaluator}), never the prover's code. A recomputed quantity
 * (times its {@code factor}) must equal its recorded {@code value} exactly; a difference is a failed fact.
 */
final class Recomputation {
    private final CertificateReader r;
    private final JsonInput in;
    /**
     * The loss's jets along every coordinate direction (gradient and Hessian diagonal), by network and dataset
     * name (a certificate's names are unique), computed once per certificate.
     */
    private final Map<String, Jet[]> coordinateJets = new HashMap<>();

    Recomputation(CertificateReader r) {
        this.r = r;
        this.in = r.input();
    }

    CertificateReader reader() {
        return r;
    }

    /** Recomputes the check {@code c}; a false fact is recorded as a failure, a malformed one raised. */
    void check(JsonNode c, String path) {
        String kind = in.string(in.required(c, path, "check", FIX), path + ".check", FIX);
        CheckKind k = CheckKind.fromWire(kind).orElseThrow(() -> in.error(path + ".check", "is \"" + kind + "\"",
                "a check is relation, group_image, same_path_values, in_keskar_box, in_box, exponent_identity or sign_test"));
        CheckHandler.of(k).check(this, c, path);
    }

    /** Recomputes a quantity, compares with its recorded value; null (and a failure) on a mismatch. */
    BigFraction[] quantity(JsonNode q, String path) {
        BigFraction[] value;
        try {
            value = compute(q, path);
        } catch (Mismatch m) {
            return null;
        }
        JsonNode factor = q.get("factor");
        if (factor != null) {
            BigFraction f = in.rational(factor, path + ".factor");
            for (int i = 0; i < value.length; i++) {
                value[i] = value[i].multiply(f);
            }
        }
        BigFraction[] recorded = r.values(in.required(q, path, "value", FIX), path + ".value");
        if (!Arrays.equals(value, recorded)) {
            r.fail(path + ": " + in.string(q.get("q"), path + ".q", FIX) + " recomputes to " + CertificateVerifier.show(value)
                    + ", the certificate says " + CertificateVerifier.show(recorded));
            return null;
        }
        return value;
    }

    private BigFraction[] compute(JsonNode q, String path) {
        String kind = in.string(in.required(q, path, "q", FIX), path + ".q", FIX);
        QuantityKind k = QuantityKind.fromWire(kind).orElseThrow(() -> in.error(path + ".q", "is \"" + kind + "\"",
                "see docs/certificates.md for the quantities a certificate may use"));
        return QuantityHandler.of(k).compute(this, q, path);
    }

    /** {@code constant}: the recorded value itself. */
    BigFraction[] constant(JsonNode q, String path) {
        return r.values(in.required(q, path, "value", FIX), path + ".value");
    }

    /** {@code sum}: each scalar term recomputed and compared on its own; a wrong term fails the sum. */
    BigFraction[] sum(JsonNode q, String path) {
        BigFraction s = BigFraction.ZERO;
        List<JsonNode> terms = in.array(in.required(q, path, "terms", FIX), path + ".terms", FIX);
        for (int i = 0; i < terms.size(); i++) {
            BigFraction[] t = quantity(terms.get(i), path + ".terms[" + i + "]");
            if (t == null) {
                throw new Mismatch();
            }
            if (t.length != 1) {
                throw in.error(path + ".terms[" + i + "]", "is a vector", "sum scalars");
            }
            s = s.add(t[0]);
        }
        return one(s);
    }

    /**
     * The Hessian diagonal of the quantity's network on its dataset, from jets computed once
     * per certificate: several traces (plain, adaptive, quotient) weight the same diagonal.
     */
    BigFraction[] hessianDiagonal(JsonNode q, String path) {
        return IndependentEvaluator.seconds(coordinateJets(q, path));
    }

    /** {@code ∇L}: the first-order parts of the same jets along the coordinate directions. */
    BigFraction[] gradient(JsonNode q, String path) {
        return IndependentEvaluator.firsts(coordinateJets(q, path));
    }

    private Jet[] coordinateJets(JsonNode q, String path) {
        Network n = r.net(q, path, "net");
        Dataset d = r.data(q, path, n);
        String key = q.get("net").asText() + "\u0000" + q.get("data").asText();
        Jet[] jets = coordinateJets.get(key);
        if (jets == null) {
            jets = IndependentEvaluator.coordinateJets(n, d);
            coordinateJets.put(key, jets);
        }
        return jets;
    }

    static BigFraction[] one(BigFraction x) {
        return new BigFraction[] {x};
    }

    /** A recorded quantity that has no value at the certificate's point: a failed fact, not a malformed file. */
    static final class UndefinedQuantity extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UndefinedQuantity(String message) {
            super(message);
        }
    }

    /** A term of a sum had a wrong recorded value (already reported). */
    private static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Mismatch() {
            super(null, null, false, false);
        }
    }
}
