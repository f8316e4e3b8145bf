package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Andriushchenko et al. 2023: adaptive sharpness with scaling vector {@code c = |θ|} is invariant under
 * elementwise positive rescalings of the parameters that keep the function, in its average-case and its
 * worst-case form. Instances: the adaptive trace (the second-order term of both forms) at A and at {@code g·A},
 * and points y of the ℓ₂ ball {@code ‖(y − θ)/|θ|‖₂ ≤ ρ} whose images {@code g·y} (points of the ball at
 * {@code g·θ}) have the same loss — so the supremum and the Gaussian average over the balls agree.
 */
public final class AndriushchenkoAdaptiveInvariance extends InvarianceClaim {
    static final BigFraction RHO = Q.of(1, 100);

    @Override
    public String id() {
        return "andriushchenko-adaptive-invariance";
    }

    @Override
    public String source() {
        return "Andriushchenko et al. 2023 (ICML, arXiv 2302.07011), average-case and worst-case adaptive sharpness";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Andriushchenko et al. 2023 define average-case adaptive sharpness E_{δ ~ N(0, ρ² diag(c²))} L(w + δ) − L(w) "
                + "and worst-case adaptive sharpness max_{‖δ ⊙ c⁻¹‖_p ≤ ρ} L(w + δ) − L(w) with c = |w|, and state that they "
                + "are invariant to the rescalings of the parameters that leave the network function unchanged.";
    }

    @Override
    public String statement() {
        return "With c = |θ| on every parameter including biases, node rescalings map the ball ‖(y − θ)/|θ|‖₂ ≤ ρ "
                + "(ρ = 1/100) onto the ball at the rescaled network with the same losses at corresponding points, and "
                + "leave the second-order term tr(diag(|θ|)∇²L diag(|θ|)) unchanged, on random networks off their kinks; "
                + "so the worst case over the ball and the Gaussian average, whose law the same map carries over, are "
                + "unchanged. Squared loss, the whole dataset as one batch.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.measure(QuantityKind.ADAPTIVE_TRACE, "adaptive-sharpness-trace", name, net, dname, data);
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        BigFraction[] theta = a.parameters();
        long[] n = new long[theta.length];
        long s = 0;
        for (int k = 0; k < n.length; k++) {
            n[k] = rnd.nextInt(21) - 10;
            s += n[k] * n[k];
        }
        // ‖n‖₂ ≤ ⌈√s⌉, so z = ρ n/⌈√s⌉ lies in the ball ‖z‖₂ ≤ ρ
        BigInteger root = BigInteger.valueOf(s).sqrt();
        long bound = Math.max(1, root.multiply(root).longValue() == s ? root.longValue() : root.longValue() + 1);
        BigFraction[] moved = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            moved[k] = theta[k].add(theta[k].abs().multiply(RHO).multiply(Q.of(n[k], bound)));
        }
        Support.chartPoint(c, an, a, bn, moved, g, dn, data, "L(θ + δ) = L(Dθ + Dδ)");
    }

    @Override
    String argument() {
        return "With θ' = Dθ: |θ'| = D|θ|, so δ ↦ Dδ maps {‖δ/|θ|‖₂ ≤ ρ} onto {‖δ'/|θ'|‖₂ ≤ ρ} and N(0, ρ² diag(θ²)) onto "
                + "N(0, ρ² diag(θ'²)), with L(Dθ + Dδ) = L(θ + δ); diag(|θ'|)∇²L(θ')diag(|θ'|) = diag(|θ|)∇²L(θ)diag(|θ|) "
                + "(proofs/andriushchenko-adaptive-invariance.md). Exact instances of each step.";
    }
}
