package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Liang et al. 2019: the Fisher–Rao norm {@code (1/n) Σᵢ ⟨θ, ∇ℓᵢ⟩²} is invariant under every symmetry,
 * and without biases the Euler identity {@code ⟨θ, ∇_θ f(x)⟩ = (L+1)·f(x)} holds for an MLP with L+1
 * weight layers (f is positively homogeneous of degree L+1 in θ). The checker recomputes
 * {@code ⟨θ, ∇ℓᵢ⟩} and {@code ⟨θ, ∇f⟩} as first Taylor coefficients along {@code θ + tθ}.
 */
public final class LiangFisherRao extends InvarianceClaim {
    @Override
    public String id() {
        return "liang-fisher-rao";
    }

    @Override
    public String source() {
        return "Liang et al. 2019 (AISTATS, arXiv 1711.01530), Fisher–Rao norm and the structural lemma for "
                + "rectifier networks";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Liang et al. 2019 define the Fisher–Rao norm ‖θ‖²_fr = E⟨θ, ∇_θ ℓ(f_θ(x), y)⟩², which is invariant "
                + "under node-wise rescaling of rectifier networks, resting on the identity ⟨θ, ∇_θ f_θ(x)⟩ = "
                + "(L+1)·f_θ(x) for a bias-free network with L+1 weight layers.";
    }

    @Override
    public String statement() {
        return "The empirical Fisher–Rao norm (1/n) Σᵢ ⟨θ, ∇_θ ℓ(f_θ(xᵢ), yᵢ)⟩² with the squared loss over the "
                + "training data (standing in for the expectation under the model) is unchanged by node rescalings, "
                + "layer scalings and permutations, and without biases ⟨θ, ∇_θ f(x)⟩ = depth·f(x), on random networks "
                + "off their kinks.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING, Symmetry.PERMUTATION);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.fisherRao(name, net, dname, data);
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        if (a.hasBiases() || !a.isLayered()) {
            return;
        }
        BigFraction depth = Q.of(a.layers().orElseThrow().length - 1);
        for (int i = 0; i < data.size(); i++) {
            BigFraction[] x = data.input(i);
            ObjectNode lhs = Quantities.outputD1(an, a, x, a.parameters());
            lhs.put("u", "theta");
            ObjectNode rhs = Quantities.times(depth, Quantities.output(an, a, x));
            boolean same = lhs.get("value").equals(rhs.get("value"));
            c.relation(same ? "instance" : "counterexample", lhs, same ? RelationOp.EQ : RelationOp.NE, rhs,
                    "Euler: ⟨θ, ∇f⟩ = depth·f");
        }
    }

    @Override
    String argument() {
        return "⟨θ, ∇ℓᵢ⟩ = d/dt ℓᵢ((1+t)θ) at 0 and (1+t)θ commutes with every rescaling and permutation, so each term is "
                + "unchanged (proofs/measures.md); f((1+t)θ) = (1+t)^{L+1} f(θ) without biases gives Euler's identity.";
    }
}
