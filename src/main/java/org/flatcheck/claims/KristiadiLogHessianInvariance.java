package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Kristiadi, Dangel, Hennig 2023: the Hessian's trace and eigenvalues are invariant once the change of
 * coordinates is carried along. Instance: in the log chart {@code θ = θ₀ ⊙ e^ξ}, where every positive rescaling
 * is a translation, the Hessian {@code H_log = diag(θ)∇²L diag(θ) + diag(θ ∘ ∇L)} is the same at θ and at every
 * rescaled θ — at random points, not critical points. The checker recomputes its trace and its quadratic form
 * along random u from jets of the loss.
 */
public final class KristiadiLogHessianInvariance extends InvarianceClaim {
    @Override
    public String id() {
        return "kristiadi-log-hessian-invariance";
    }

    @Override
    public String source() {
        return "Kristiadi, Dangel, Hennig 2023 (NeurIPS, arXiv 2302.07384), the Hessian under reparametrization";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Kristiadi et al. 2023 show that the trace and eigenvalues of the loss Hessian are invariant under a "
                + "reparametrization when the transformation rule of the Hessian (including its term in the gradient) "
                + "and the metric are carried along, and are not invariant when they are dropped.";
    }

    @Override
    public String statement() {
        return "In the log chart θ = θ₀ ⊙ e^ξ, where a node rescaling or layer scaling is a translation of ξ, the "
                + "Hessian diag(θ)∇²L diag(θ) + diag(θ ∘ ∇L) of the squared loss takes the same value at θ and at the "
                + "rescaled θ — its trace and its quadratic form along random u — on random networks off their kinks, at "
                + "points that are not critical (∇L ≠ 0 in general).";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.logHessianTrace(name, net, dname, data);
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        BigFraction[] u = Support.direction(rnd, a.numParameters());
        ObjectNode qa = Quantities.logHessianD2(an, a, dn, data, u);
        ObjectNode qb = Quantities.logHessianD2(bn, b, dn, data, u);
        boolean same = Quantities.value(qa).equals(Quantities.value(qb));
        c.relation(same ? "instance" : "counterexample", qa, same ? RelationOp.EQ : RelationOp.NE, qb,
                "uᵀ H_log u, the second derivative of t ↦ L(θ ⊙ e^{tu}) at 0");
    }

    @Override
    String argument() {
        return "With θ' = Dθ: diag(θ') = D diag(θ), ∇²L(θ') = D⁻¹∇²L(θ)D⁻¹ and ∇L(θ') = D⁻¹∇L(θ), so diag(θ')∇²L(θ')diag(θ') "
                + "= diag(θ)∇²L(θ)diag(θ) and θ' ∘ ∇L(θ') = θ ∘ ∇L(θ): the log-chart Hessian is the same matrix, at every "
                + "point (proofs/kristiadi-log-hessian-invariance.md). Exact instances of both scalars.";
    }
}
