package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Kwon et al. 2021 (ASAM): adaptive sharpness is invariant under node rescaling, in both forms. The
 * second-order form: {@code tr(T∇²L T)}, T = diag(|θ|), and the quadratic form {@code (Tu)ᵀ∇²L(Tu)} for
 * random u (equal for all u means {@code T∇²L T} itself is unchanged, hence its λ_max too). The
 * worst-case form {@code max_{|y| ≤ ρ|θ|} L(θ + y)}: the rescaling maps the box around θ onto the box
 * around {@code Dθ} ({@code y ↦ Dy}) and {@code L(Dθ + Dy) = L(θ + y)}; instances state
 * {@code D(θ + y) = g·(θ + y)} and the equal losses for random y in the box.
 */
public final class KwonAdaptiveInvariance extends InvarianceClaim {
    static final BigFraction RHO = Q.of(1, 100);

    @Override
    public String id() {
        return "kwon-adaptive-invariance";
    }

    @Override
    public String source() {
        return "Kwon et al. 2021 (ASAM, ICML, arXiv 2102.11600), adaptive sharpness";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Kwon et al. 2021 introduce adaptive sharpness, max over ‖T_w⁻¹ε‖ ≤ ρ of L(w + ε) − L(w) with a "
                + "normalisation operator T_w, and show that it is invariant under the scaling operators that leave the "
                + "network function unchanged.";
    }

    @Override
    public String statement() {
        return "Adaptive sharpness with T = diag(|θ|) on every parameter including biases and ASAM's η = 0 (with η > "
                + "0 it is only approximately invariant) is unchanged by node rescalings, on random networks off their "
                + "kinks: its second-order form (the trace of T∇²L T, and (Tu)ᵀ∇²L(Tu) along random u) takes the same "
                + "value, and the rescaling maps the box |y_i| ≤ ρ|θ_i| (ρ = 1/100) onto the rescaled network's box "
                + "with the same losses, so the worst case over it is the same.";
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
        BigFraction[] u = Support.direction(rnd, a.numParameters());
        var qa = Quantities.adaptiveD2(an, a, dn, data, u);
        var qb = Quantities.adaptiveD2(bn, b, dn, data, u);
        boolean same = Quantities.value(qa).equals(Quantities.value(qb));
        c.relation(same ? "instance" : "counterexample", qa, same ? RelationOp.EQ : RelationOp.NE, qb, "(Tu)ᵀ∇²L(Tu)");
        BigFraction[] theta = a.parameters();
        BigFraction[] moved = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            BigFraction r = Q.of(rnd.nextInt(21) - 10, 10);
            moved[k] = theta[k].add(theta[k].abs().multiply(RHO).multiply(r));
        }
        Support.chartPoint(c, an, a, bn, moved, g, dn, data, "L(θ + y) = L(Dθ + Dy)");
    }

    @Override
    String argument() {
        return "With θ' = Dθ: T' = DT and ∇²L(θ') = D⁻¹∇²L(θ)D⁻¹, so T'∇²L(θ')T' = T∇²L(θ)T; and y ↦ Dy maps "
                + "{|y| ≤ ρ|θ|} onto {|y'| ≤ ρ|Dθ|} with L(Dθ + Dy) = L(θ + y) (proofs/measures.md). Exact instances of each step.";
    }
}
