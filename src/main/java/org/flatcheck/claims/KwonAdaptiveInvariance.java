package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.invariance.GroupElement;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.network.Network;

/**
 * [K21], MATH §5.10: adaptive sharpness is invariant under node rescaling, in both forms. The
 * second-order form: {@code tr(T∇²L T)}, T = diag(|θ|), and the quadratic form {@code (Tu)ᵀ∇²L(Tu)} for
 * random u (equal for all u means {@code T∇²L T} itself is unchanged, hence its λ_max too). The
 * worst-case form {@code max_{|y| ≤ ρ|θ|} L(θ + y)}: the rescaling maps the box around θ onto the box
 * around {@code Dθ} ({@code y ↦ Dy}) and {@code L(Dθ + Dy) = L(θ + y)}; instances state
 * {@code D(θ + y) = g·(θ + y)} and the equal losses for random y in the box.
 */
public final class KwonAdaptiveInvariance extends InvarianceClaim {
    static final BigFraction RHO = new BigFraction(1, 100);

    @Override
    public String id() {
        return "kwon-adaptive-invariance";
    }

    @Override
    public String source() {
        return "Kwon et al. 2021 (ASAM, ICML), Thm 1 / §3; MATH §5.10";
    }

    @Override
    public String statement() {
        return "Adaptive sharpness (the second-order form tr/λ_max of T∇²L T, T = diag(|θ|), and the worst case over "
                + "|y| ≤ ρ|θ|) is invariant under node rescaling.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.measure("adaptive_trace", "adaptive-sharpness-trace", name, net, dname, data);
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        BigFraction[] u = Support.direction(rnd, a.numParameters());
        var qa = Quantities.adaptiveD2(an, a, dn, data, u);
        var qb = Quantities.adaptiveD2(bn, b, dn, data, u);
        boolean same = Quantities.value(qa).equals(Quantities.value(qb));
        c.relation(same ? "instance" : "counterexample", qa, same ? "==" : "!=", qb, "(Tu)ᵀ∇²L(Tu)");
        BigFraction[] theta = a.parameters();
        BigFraction[] moved = new BigFraction[theta.length];
        for (int k = 0; k < theta.length; k++) {
            BigFraction r = new BigFraction(rnd.nextInt(21) - 10, 10);
            moved[k] = theta[k].add(theta[k].abs().multiply(RHO).multiply(r));
        }
        Network y = a.withParameters(moved).withName(an + "y");
        Network gy = g.apply(y).withName(bn + "y");
        String yn = c.network(an + "y", y);
        String gyn = c.network(bn + "y", gy);
        c.check("instance", Support.groupImage(yn, y, gyn, g));
        var ly = Quantities.loss(yn, y, dn, data);
        var lgy = Quantities.loss(gyn, gy, dn, data);
        boolean eq = Quantities.value(ly).equals(Quantities.value(lgy));
        c.relation(eq ? "instance" : "counterexample", ly, eq ? "==" : "!=", lgy, "L(θ + y) = L(Dθ + Dy)");
    }

    @Override
    String argument() {
        return "With θ' = Dθ: T' = DT and ∇²L(θ') = D⁻¹∇²L(θ)D⁻¹, so T'∇²L(θ')T' = T∇²L(θ)T; and y ↦ Dy maps "
                + "{|y| ≤ ρ|θ|} onto {|y'| ≤ ρ|Dθ|} with L(Dθ + Dy) = L(θ + y) (proofs/measures.md). Exact instances of each step.";
    }
}
