package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.invariance.RandomCases;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.LayerScaling;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.symmetry.Symmetry;

/**
 * The transformation law (docs/definitions.md): for {@code θ' = Dθ} (a node rescaling, D diagonal with {@code c(head)/c(tail)}),
 * {@code ∇L(θ') = D⁻¹∇L(θ)} and {@code ∇²L(θ') = D⁻¹∇²L(θ)D⁻¹}. Instances, in the form a checker can
 * recompute along lines: {@code uᵀ∇L(θ') = (D⁻¹u)ᵀ∇L(θ)} and {@code uᵀ∇²L(θ')u = (D⁻¹u)ᵀ∇²L(θ)(D⁻¹u)}
 * for random directions u; both sides are recomputed by the checker with Taylor jets.
 */
public final class TransformationLaw implements Claim {
    @Override
    public String id() {
        return "transformation-law";
    }

    @Override
    public String source() {
        return "Dinh et al. 2017 §4 (the Hessian along T_α); the chain rule applied to L(Dθ) = L(θ)";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Dinh et al. 2017 (§4) compute how the Hessian changes along the α-scale transformation of a "
                + "rectifier network; for any linear reparametrisation θ′ = Dθ that leaves the loss unchanged, the "
                + "chain rule gives ∇L(θ′) = D⁻¹∇L(θ) and ∇²L(θ′) = D⁻¹∇²L(θ)D⁻¹.";
    }

    @Override
    public String statement() {
        return "For random layered ReLU networks off their kinks and θ′ = Dθ a node rescaling or layer scaling, "
                + "∇L(θ′) = D⁻¹∇L(θ) and ∇²L(θ′) = D⁻¹∇²L(θ)D⁻¹ hold exactly (checked along random directions).";
    }

    @Override
    public Certificate run(ClaimContext context) {
        Random rnd = context.random(id());
        Certificate c = new Certificate(this, context.seed());
        int tries = context.quick() ? 6 : 20;
        int directions = 3;
        c.inputs().put("networks", tries).put("directions_per_network", directions);
        c.argument("Differentiating L(Dθ) = L(θ) (claim function-invariance) once and twice gives the law (proof); "
                + "each check is the law tested on a random direction u, both sides recomputed along lines.");
        int made = 0;
        while (made < tries) {
            Network a = Support.network(rnd, "A" + made, true, false, false);
            Dataset data = Support.smoothData(rnd, a);
            Symmetry s = rnd.nextBoolean() || !a.isLayered() ? Symmetry.NODE_RESCALING : Symmetry.LAYER_SCALING;
            GroupElement g = RandomCases.element(rnd, a, s);
            if (data == null || g == null) {
                continue;
            }
            NodeRescaling r = g instanceof LayerScaling t ? t.toNodeRescaling(a) : (NodeRescaling) g;
            BigFraction[] d = r.parameterFactors(a);
            Network b = g.apply(a).withName("B" + made);
            String an = c.network("A" + made, a);
            String bn = c.network("B" + made, b);
            String dn = c.dataset("D" + made, data);
            c.check("instance", Support.groupImage(an, a, bn, g));
            for (int t = 0; t < directions; t++) {
                BigFraction[] u = Support.direction(rnd, a.numParameters());
                BigFraction[] dinvU = new BigFraction[u.length];
                for (int k = 0; k < u.length; k++) {
                    dinvU[k] = u[k].divide(d[k]);
                }
                relate(c, Quantities.d1(bn, b, dn, data, u), Quantities.d1(an, a, dn, data, dinvU), "gradient");
                relate(c, Quantities.d2(bn, b, dn, data, u), Quantities.d2(an, a, dn, data, dinvU), "hessian");
            }
            made++;
        }
        return c;
    }

    private static void relate(Certificate c, ObjectNode lhs, ObjectNode rhs, String note) {
        boolean same = Quantities.value(lhs).equals(Quantities.value(rhs));
        c.relation(same ? "instance" : "counterexample", lhs, same ? RelationOp.EQ : RelationOp.NE, rhs, note);
    }
}
