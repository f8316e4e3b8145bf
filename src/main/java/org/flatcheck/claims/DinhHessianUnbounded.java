package org.flatcheck.claims;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.LayerScaling;

/**
 * Dinh et al. 2017, Thm 3, at an exact global minimum. For a one-hidden-layer network without biases and the layer scaling
 * {@code T_α: (W₁, W₂) ↦ (αW₁, α⁻¹W₂)}, the congruence law gives
 * {@code tr ∇²L(T_αθ) = tr H₁₁/α² + tr H₂₂·α²} (H₁₁, H₂₂ the blocks of θ's Hessian), and for every M
 * a rational α with {@code λ_max ∇²L(T_αθ) ≥ M}: with {@code k} an output weight whose
 * {@code Hₖₖ > 0}, {@code α = ⌈√(M/Hₖₖ)⌉} gives {@code eₖᵀ∇²L(T_αθ)eₖ = α²Hₖₖ ≥ M}, and
 * {@code λ_max} is at least every Rayleigh quotient. The certificate holds the trace identity for
 * several α and the constructed α with its Rayleigh quotient for {@code M = 10³, 10⁶, 10⁹, 10¹²}.
 */
public final class DinhHessianUnbounded implements Claim {
    @Override
    public String id() {
        return "dinh-hessian-unbounded";
    }

    @Override
    public String source() {
        return "Dinh et al. 2017 (ICML, arXiv 1703.04933), Thm 3 (one hidden layer)";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Dinh et al. 2017, Thm 3: for a one-hidden-layer rectifier network y = φ_rect(x·θ₁)·θ₂ and a minimum "
                + "θ = (θ₁, θ₂) with θ₁ ≠ 0 and θ₂ ≠ 0, for every M > 0 there is α > 0 such that the spectral norm of "
                + "∇²L(T_α(θ)) is at least M. (Their deep-network result is not checked here.)";
    }

    @Override
    public String statement() {
        return "At an exact global minimum (L = 0, ∇L = 0, checked) of a random bias-free 2-3-1 ReLU network: tr "
                + "∇²L(T_αθ) = tr H₁₁/α² + tr H₂₂·α² for several α, and for M = 10³, 10⁶, 10⁹, 10¹² a rational α with a "
                + "Rayleigh quotient of ∇²L(T_αθ) at least M; λ_max, hence the spectral norm, is at least that "
                + "quotient. The loss is the squared loss.";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        Network a = null;
        Dataset data = null;
        QMatrix h = null;
        int k = -1;
        while (k < 0) {
            a = Support.oneHiddenLayer(rnd, "A", 2, 3);
            data = Support.fittedData(rnd, a);
            if (data == null) {
                continue;
            }
            h = LocalModel.of(a, data).hessian();
            for (int j = 6; j < 9; j++) {
                if (h.get(j, j).compareTo(BigFraction.ZERO) > 0 && (k < 0 || h.get(j, j).compareTo(h.get(k, k)) > 0)) {
                    k = j;
                }
            }
        }
        String an = c.network("A", a);
        String dn = c.dataset("D", data);
        Support.criticalPoint(c, an, a, dn, data);
        c.inputs().put("architecture", "2-3-1, no biases, targets = f_A(x): an exact global minimum");
        c.argument("By the congruence law (claim transformation-law) H(T_αθ) = D⁻¹HD⁻¹ with D = α on W₁ and 1/α on W₂; "
                + "the checks give the trace identity for several α (checker: traces by jets on both networks) and, for each M, "
                + "an α with a Rayleigh quotient ≥ M, a lower bound of λ_max, at a network that computes A's function.");
        BigFraction[] alphas = {Q.of(2), Q.of(1, 10), Q.of(1000)};
        int i = 0;
        for (BigFraction alpha : alphas) {
            GroupElement g = LayerScaling.of(alpha, alpha.reciprocal());
            Network b = g.apply(a).withName("T" + i);
            String bn = c.network("T" + i, b);
            c.check("instance", Support.groupImage(an, a, bn, g));
            BigFraction[] w = new BigFraction[9];
            Arrays.fill(w, 0, 6, alpha.multiply(alpha).reciprocal());
            Arrays.fill(w, 6, 9, alpha.multiply(alpha));
            var lhs = Quantities.hessianTrace(bn, b, dn, data);
            var rhs = Quantities.weightedHessianTrace(an, a, dn, data, w);
            boolean same = Quantities.value(lhs).equals(Quantities.value(rhs));
            c.relation(same ? "instance" : "counterexample", lhs, same ? RelationOp.EQ : RelationOp.NE, rhs, "α = " + alpha);
            i++;
        }
        BigFraction hkk = h.get(k, k);
        for (int e = 3; e <= 12; e += 3) {
            BigFraction m = Q.of(BigInteger.TEN.pow(e));
            BigInteger alpha = sqrtCeil(m.divide(hkk));
            GroupElement g = LayerScaling.of(Q.of(alpha), Q.of(alpha).reciprocal());
            Network b = g.apply(a).withName("M" + e);
            String bn = c.network("M" + e, b);
            c.check("witness", Support.groupImage(an, a, bn, g));
            BigFraction[] u = new BigFraction[9];
            Arrays.fill(u, BigFraction.ZERO);
            u[k] = BigFraction.ONE;
            var rq = Quantities.rayleigh(bn, b, dn, data, u);
            boolean big = Quantities.value(rq).compareTo(m) >= 0;
            c.relation(big ? "witness" : "counterexample", rq, big ? RelationOp.GE : RelationOp.LT, Quantities.constant(m),
                    "λ_max ≥ 10^" + e);
        }
        return c;
    }

    /** {@code ⌈√x⌉} for rational x > 0. */
    static BigInteger sqrtCeil(BigFraction x) {
        BigInteger q = x.getNumerator().add(x.getDenominator()).subtract(BigInteger.ONE).divide(x.getDenominator());
        BigInteger r = q.sqrt();
        return r.multiply(r).compareTo(q) < 0 ? r.add(BigInteger.ONE) : r;
    }
}
