package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Kim et al. 2023: connectivity sharpness, the trace of the connectivity tangent kernel, is invariant under the
 * scaling transformations that keep the function. Instances: {@code (1/n) Σᵢₖₚ (θ_p ∂fₖ(xᵢ)/∂θ_p)²} at A and at
 * {@code g·A} for node rescalings, layer scalings and permutations, recomputed by the checker from output jets
 * along each coordinate.
 */
public final class KimConnectivityInvariance extends InvarianceClaim {
    @Override
    public String id() {
        return "kim-connectivity-invariance";
    }

    @Override
    public String source() {
        return "Kim et al. 2023 (ICLR, arXiv 2209.15208), connectivity sharpness (trace of the connectivity tangent kernel)";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Kim et al. 2023 decompose parameters into scale and connectivity, θ = c ⊙ θ₀, define the connectivity "
                + "tangent kernel from the derivatives with respect to c at c = 1, and state that the connectivity "
                + "sharpness derived from it is invariant to the scaling transformations that leave the network "
                + "function unchanged.";
    }

    @Override
    public String statement() {
        return "Connectivity sharpness (1/n) Σᵢ Σₖ Σ_p (θ_p ∂fₖ(xᵢ)/∂θ_p)², over every parameter including biases and the "
                + "network outputs (the quantity whose estimate the authors' code computes), is unchanged by node "
                + "rescalings, layer scalings and permutations, on random networks off their kinks.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING, Symmetry.PERMUTATION);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.connectivitySharpness(name, net, dname, data);
    }

    @Override
    String argument() {
        return "With θ' = Dθ the Jacobian becomes J D⁻¹, so each term θ'_p ∂f/∂θ'_p = (Dθ)_p (D⁻¹∇f)_p = θ_p ∂f/∂θ_p; a "
                + "permutation reorders the terms (proofs/kim-connectivity-invariance.md). Exact instances.";
    }
}
