package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * Rangamani et al. 2019 (arXiv 1902.02434), a scale-invariant flatness measure from a Riemannian metric on
 * the quotient of parameter space by the network's rescalings: the metric has one norm per weight tensor,
 * {@code g(ξ, η) = Σ_l ⟨ξ_l, η_l⟩ / ‖W_l‖²}, so at a critical point the Riemannian Hessian is
 * {@code D_W ∇²L} with {@code D_W = ‖W_l‖_F²} on tensor l's block (the authors' code treats every bias
 * vector as its own tensor); flatcheck's {@code quotient-hessian-trace} is {@code tr(D_W ∇²L)}. Both
 * claims are decided at exact critical points (the network fits its data exactly, L = 0 and ∇L = 0,
 * checked), where {@code D_W ∇²L} is the Riemannian Hessian the paper defines.
 *
 * <ul>
 *   <li>{@code rangamani-layer-scaling-invariance} (theorem): under a layer scaling T_α tensor l's weights
 *       scale by a_l, so ‖W_l‖_F² gains a_l² and every diagonal entry of its Hessian block loses it; every
 *       term of {@code Σ_k d_k H_kk} is unchanged.</li>
 *   <li>{@code rangamani-node-rescaling-invariance} (extension): rescaling one hidden unit inside a layer is
 *       not a symmetry the per-tensor metric is built for, and the paper does not claim invariance under it;
 *       flatcheck asks the question and answers it with a certified counterexample.</li>
 * </ul>
 * The checker recomputes the loss, the gradient and the Hessian diagonal by jets and D_W from the network.
 */
public final class RangamaniInvariance extends InvarianceClaim {
    private final Symmetry symmetry;

    RangamaniInvariance(Symmetry symmetry) {
        this.symmetry = symmetry;
    }

    @Override
    public String id() {
        return symmetry == Symmetry.LAYER_SCALING ? "rangamani-layer-scaling-invariance" : "rangamani-node-rescaling-invariance";
    }

    @Override
    public ClaimKind kind() {
        return symmetry == Symmetry.LAYER_SCALING ? ClaimKind.THEOREM : ClaimKind.EXTENSION;
    }

    @Override
    public String source() {
        return "Rangamani et al. 2019 (arXiv 1902.02434), quotient-manifold metric with one norm per weight tensor, as in the "
                + "authors' code";
    }

    @Override
    public String paperStatement() {
        String base = "Rangamani et al. 2019 define a Riemannian metric on the quotient of parameter space by the network's "
                + "scaling symmetries, g(ξ, η) = Σ_l ⟨ξ_l, η_l⟩/‖W_l‖² with one norm per weight tensor, and state that the "
                + "Hessian-based flatness it induces at a minimum is invariant to those scalings";
        return symmetry == Symmetry.LAYER_SCALING ? base + "."
                : base + ". Rescaling a single hidden unit within a layer changes no tensor norm consistently; the paper does "
                + "not claim invariance under it. Extension: a question flatcheck asks, not a statement of the paper.";
    }

    @Override
    public String statement() {
        return symmetry == Symmetry.LAYER_SCALING
                ? "At exact critical points (L = 0, ∇L = 0, checked) of random layered ReLU networks, tr(D_W ∇²L) with one "
                    + "D_W entry per weight tensor and per bias vector is unchanged by every layer scaling T_α."
                : "Extension, not claimed by Rangamani et al.: at exact critical points (L = 0, ∇L = 0, checked) of random "
                    + "layered ReLU networks, is tr(D_W ∇²L), with one D_W entry per weight tensor and per bias vector, also "
                    + "unchanged by rescaling single hidden units? REFUTED by the first recomputed pair that differs.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(symmetry);
    }

    @Override
    boolean accepts(Network net) {
        return net.isLayered();
    }

    @Override
    boolean atCriticalPoints() {
        return true;
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.measure(QuantityKind.QUOTIENT_HESSIAN_TRACE, "quotient-hessian-trace", name, net, dname, data);
    }

    @Override
    String argument() {
        return "Every instance is an exact critical point, checked (L = 0 and ∇L = 0 recomputed), so D_W∇²L is the "
                + "Riemannian Hessian of the per-tensor metric there. Under T_α tensor l's weights scale by a_l (biases by "
                + "Π_{k≤l} a_k): ‖W_l‖_F² gains a_l² and H_kk loses it, so every term of Σ_k d_k H_kk is unchanged "
                + "(proofs/rangamani-layer-scaling-invariance.md). A rescaling inside a layer changes H_kk unit by unit but "
                + "the tensor's norm only as a whole, and one recomputed pair that differs answers the extension.";
    }
}
