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
 * [L19], MATH §5.11: the Fisher–Rao norm {@code (1/n) Σᵢ ⟨θ, ∇ℓᵢ⟩²} is invariant under every symmetry,
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
        return "Liang et al. 2019 (AISTATS), Fisher–Rao norm, Lemma 2.1 (Euler identity); MATH §5.11";
    }

    @Override
    public String statement() {
        return "The Fisher–Rao norm is invariant under node rescaling, layer scaling and permutation; without biases "
                + "⟨θ, ∇f⟩ = depth·f.";
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
        BigFraction depth = new BigFraction(a.layers().orElseThrow().length - 1);
        for (int i = 0; i < data.size(); i++) {
            BigFraction[] x = data.input(i);
            ObjectNode lhs = Quantities.outputD1(an, a, x, a.parameters());
            lhs.put("u", "theta");
            ObjectNode rhs = Quantities.times(depth, Quantities.output(an, a, x));
            boolean same = lhs.get("value").equals(rhs.get("value"));
            c.relation(same ? "instance" : "counterexample", lhs, same ? "==" : "!=", rhs, "Euler: ⟨θ, ∇f⟩ = depth·f");
        }
    }

    @Override
    String argument() {
        return "⟨θ, ∇ℓᵢ⟩ = d/dt ℓᵢ((1+t)θ) at 0 and (1+t)θ commutes with every rescaling and permutation, so each term is "
                + "unchanged (proofs/measures.md); f((1+t)θ) = (1+t)^{L+1} f(θ) without biases gives Euler's identity.";
    }
}
