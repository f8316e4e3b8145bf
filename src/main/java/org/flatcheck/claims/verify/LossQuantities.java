package org.flatcheck.claims.verify;

import static org.flatcheck.claims.verify.Recomputation.one;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;

/**
 * The checker's handlers of the quantities of the loss and the outputs at one point θ (docs/certificates.md
 * §4): {@code loss}, {@code output}, {@code output_d1}, {@code d1}, {@code d2}, {@code rayleigh},
 * {@code adaptive_d2}, {@code fisher_rao} and {@code keskar_ratio}, by {@link IndependentEvaluator}'s
 * forward pass and jets along one direction.
 */
final class LossQuantities {
    private LossQuantities() {
    }

    /** L(θ). */
    static BigFraction[] loss(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        return one(IndependentEvaluator.loss(n, r.reader().data(q, path, n)));
    }

    /** f_θ(x), one entry per output. */
    static BigFraction[] output(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        return IndependentEvaluator.outputs(n, r.reader().inputPoint(q, path, n));
    }

    /** d/dt f_{θ+tu}(x) at t = 0, one entry per output. */
    static BigFraction[] outputD1(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        Jet[] y = IndependentEvaluator.outputsAlong(n, c.inputPoint(q, path, n), c.direction(q, path, n));
        return Arrays.stream(y).map(Jet::a1).toArray(BigFraction[]::new);
    }

    /** uᵀ∇L. */
    static BigFraction[] d1(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        return one(IndependentEvaluator.lossAlong(n, c.data(q, path, n), c.direction(q, path, n)).a1());
    }

    /** uᵀHu. */
    static BigFraction[] d2(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        return one(IndependentEvaluator.lossAlong(n, c.data(q, path, n), c.direction(q, path, n)).second());
    }

    /** uᵀHu / uᵀu, for u ≠ 0. */
    static BigFraction[] rayleigh(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        BigFraction[] u = c.direction(q, path, n);
        BigFraction norm = BigFraction.ZERO;
        for (BigFraction x : u) {
            norm = norm.add(x.multiply(x));
        }
        if (Q.isZero(norm)) {
            throw c.input().error(path + ".u", "is the zero vector", "a Rayleigh quotient needs u ≠ 0");
        }
        return one(IndependentEvaluator.lossAlong(n, c.data(q, path, n), u).second().divide(norm));
    }

    /** (Tu)ᵀ H (Tu) for T = diag(|θ|). */
    static BigFraction[] adaptiveD2(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        BigFraction[] u = c.direction(q, path, n);
        BigFraction[] theta = n.parameters();
        BigFraction[] tu = new BigFraction[u.length];
        for (int k = 0; k < u.length; k++) {
            tu[k] = theta[k].abs().multiply(u[k]);
        }
        return one(IndependentEvaluator.lossAlong(n, c.data(q, path, n), tu).second());
    }

    /**
     * (θ∘u)ᵀH(θ∘u) + Σₖ θₖ ∂ₖL uₖ²: the second derivative of t ↦ L(θ ⊙ e^{tu}) at 0, as the second-order part of the
     * loss's jet along θ∘u plus the first-order part of its jet along θ∘u².
     */
    static BigFraction[] logHessianD2(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        Dataset d = c.data(q, path, n);
        BigFraction[] u = c.direction(q, path, n);
        BigFraction[] theta = n.parameters();
        BigFraction[] tu = new BigFraction[u.length];
        BigFraction[] tuu = new BigFraction[u.length];
        for (int k = 0; k < u.length; k++) {
            tu[k] = theta[k].multiply(u[k]);
            tuu[k] = tu[k].multiply(u[k]);
        }
        return one(IndependentEvaluator.lossAlong(n, d, tu).second().add(IndependentEvaluator.lossAlong(n, d, tuu).a1()));
    }

    /** (1/n) Σᵢₖₚ (θ_p ∂fₖ(xᵢ)/∂θ_p)²: output jets along each coordinate scaled by its parameter. */
    static BigFraction[] connectivitySharpness(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network n = c.net(q, path, "net");
        Dataset d = c.data(q, path, n);
        BigFraction[] theta = n.parameters();
        BigFraction s = BigFraction.ZERO;
        for (int p = 0; p < theta.length; p++) {
            BigFraction[] e = new BigFraction[theta.length];
            Arrays.fill(e, BigFraction.ZERO);
            e[p] = theta[p];
            for (int i = 0; i < d.size(); i++) {
                for (Jet y : IndependentEvaluator.outputsAlong(n, d.input(i), e)) {
                    s = s.add(y.a1().multiply(y.a1()));
                }
            }
        }
        return one(s.divide(d.size()));
    }

    /** (1/n) Σᵢ ⟨θ, ∇ℓᵢ(θ)⟩²: the first-order parts of the point losses' jets along θ. */
    static BigFraction[] fisherRao(Recomputation r, JsonNode q, String path) {
        Network n = r.reader().net(q, path, "net");
        Dataset d = r.reader().data(q, path, n);
        BigFraction s = BigFraction.ZERO;
        for (Jet j : IndependentEvaluator.pointLossJets(n, d, IndependentEvaluator.line(n, n.parameters()))) {
            s = s.add(j.a1().multiply(j.a1()));
        }
        return one(s.divide(d.size()));
    }

    /** 100·(L(point) − L(center))/(1 + L(center)). */
    static BigFraction[] keskarRatio(Recomputation r, JsonNode q, String path) {
        CertificateReader c = r.reader();
        Network center = c.net(q, path, "center");
        Network point = c.net(q, path, "point");
        Dataset d = c.data(q, path, center, point);
        BigFraction l0 = IndependentEvaluator.loss(center, d);
        BigFraction l1 = IndependentEvaluator.loss(point, d);
        return one(l1.subtract(l0).multiply(100).divide(l0.add(BigFraction.ONE)));
    }
}
