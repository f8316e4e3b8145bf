package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Jang et al. 2022: a sharpness measure built from the information geometry of the model's predictive
 * distribution is invariant under reparametrization. Instances: {@code tr(F⁺C)} (the form the authors' code
 * computes; the squared loss as a Gaussian likelihood) at A and at {@code g·A} for node rescalings, layer scalings
 * and permutations, which the checker recomputes by solving {@code F u = ∇ℓᵢ} with its own elimination.
 */
public final class JangFisherInvariance extends InvarianceClaim {
    @Override
    public String id() {
        return "jang-fisher-invariance";
    }

    @Override
    public String source() {
        return "Jang, Lee, Park, Noh 2022 (NeurIPS), a reparametrization-invariant sharpness measure based on information geometry";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Jang et al. 2022 propose a sharpness measure that captures the change in loss with respect to changes in "
                + "the probability distribution the network models, rather than in its parameters, and state that it is "
                + "invariant under reparametrization, not only under scaling.";
    }

    @Override
    public String statement() {
        return "The measure in the form the authors' code computes it, tr(F⁺C) — F the model's Fisher information, C the "
                + "second moment of the per-example loss gradients at the true targets, full Moore–Penrose inverse — for "
                + "the squared loss read as a Gaussian likelihood (F = (2/n) Σᵢ JᵢᵀJᵢ, C = (1/n) Σᵢ ∇ℓᵢ∇ℓᵢᵀ), is unchanged "
                + "by node rescalings, layer scalings and permutations, on random networks off their kinks.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING, Symmetry.PERMUTATION);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.fisherSharpness(name, net, dname, data);
    }

    @Override
    String argument() {
        return "Each ∇ℓᵢ = 2Jᵢᵀrᵢ lies in the range of F, so ∇ℓᵢᵀF⁺∇ℓᵢ = uᵀFu for F u = ∇ℓᵢ; with θ' = Dθ, F' = D⁻¹FD⁻¹, "
                + "∇ℓᵢ' = D⁻¹∇ℓᵢ and u' = Du give the same number (proofs/jang-fisher-invariance.md). Exact instances.";
    }
}
