package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.Recomputation.one;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Edge;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the quantities made of the loss's jets along every coordinate direction
 * (docs/certificates.md §4), computed once per network and dataset ({@link Recomputation#hessianDiagonal}):
 * {@code gradient_norm_squared} and the traces {@code hessian_trace}, {@code weighted_hessian_trace},
 * {@code quotient_hessian_trace} and {@code adaptive_trace}, each a weighting of the Hessian diagonal, and
 * {@code log_hessian_trace} (the adaptive trace plus {@code ⟨θ, ∇L⟩}).
 * ({@code gradient} itself is {@link Recomputation#gradient}.)
 */
final class TraceQuantities {
    private TraceQuantities() {
    }

    /** ‖∇L‖². */
    static BigFraction[] gradientNormSquared(Recomputation r, JsonNode q, String path) {
        BigFraction s = BigFraction.ZERO;
        for (BigFraction g : r.gradient(q, path)) {
            s = s.add(g.multiply(g));
        }
        return one(s);
    }

    /** Σₖ Hₖₖ. */
    static BigFraction[] hessianTrace(Recomputation r, JsonNode q, String path) {
        return one(sum(r.hessianDiagonal(q, path), null));
    }

    /** Σₖ wₖHₖₖ, one weight per parameter. */
    static BigFraction[] weightedHessianTrace(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        BigFraction[] w = r.reader().vector(q, path, "weights");
        r.reader().expectLength(path + ".weights", w.length, n.numParameters());
        return one(sum(r.hessianDiagonal(q, path), w));
    }

    /** Σₖ ‖B(k)‖² Hₖₖ, B(k) the weight matrix or bias vector of parameter k (Rangamani et al. 2019). */
    static BigFraction[] quotientHessianTrace(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        return one(sum(r.hessianDiagonal(q, path), quotientWeights(r.reader(), n, path)));
    }

    /** Σₖ θₖ² Hₖₖ. */
    static BigFraction[] adaptiveTrace(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        BigFraction[] theta = n.parameters();
        BigFraction[] w = new BigFraction[theta.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = theta[k].multiply(theta[k]);
        }
        return one(sum(r.hessianDiagonal(q, path), w));
    }

    /** Σₖ θₖ² Hₖₖ + Σₖ θₖ ∂ₖL: the trace of diag(θ) H diag(θ) + diag(θ ∘ ∇L). */
    static BigFraction[] logHessianTrace(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        BigFraction[] theta = n.parameters();
        BigFraction[] g = r.gradient(q, path);
        BigFraction s = adaptiveTrace(r, q, path)[0];
        for (int k = 0; k < theta.length; k++) {
            s = s.add(theta[k].multiply(g[k]));
        }
        return one(s);
    }

    /** [R19]'s D_W: {@code ‖W_l‖_F²} on layer l's weights, {@code ‖b_l‖²} on its biases. */
    private static BigFraction[] quotientWeights(CertificateReader c, Network n, String path) {
        if (!n.isLayered()) {
            throw c.input().error(path + ".net", "is not layered", "the quotient Hessian is defined layer by layer");
        }
        Map<String, BigFraction> norm = new HashMap<>();
        for (Edge e : n.edges()) {
            norm.merge(n.depth(e.to()) + (e.isBias() ? "b" : "w"), e.weight().multiply(e.weight()), BigFraction::add);
        }
        BigFraction[] w = new BigFraction[n.numParameters()];
        for (int k = 0; k < w.length; k++) {
            Edge e = n.edge(k);
            w[k] = norm.get(n.depth(e.to()) + (e.isBias() ? "b" : "w"));
            if (Q.isZero(w[k])) {
                int l = n.depth(e.to()) - 1;
                throw new Recomputation.UndefinedQuantity("quotient_hessian_trace at " + path + " is undefined: the metric of "
                        + "Rangamani et al. divides by each parameter block's squared norm, and "
                        + (e.isBias() ? "the bias vector b" : "the weight matrix W") + l + " (weight layer " + l + ", 0-based) is 0");
            }
        }
        return w;
    }

    private static BigFraction sum(BigFraction[] xs, BigFraction[] w) {
        BigFraction s = BigFraction.ZERO;
        for (int i = 0; i < xs.length; i++) {
            s = s.add(w == null ? xs[i] : xs[i].multiply(w[i]));
        }
        return s;
    }
}
