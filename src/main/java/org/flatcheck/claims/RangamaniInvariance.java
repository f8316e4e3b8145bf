package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.network.Network;

/**
 * [R19], MATH §4 and §5.9: the quotient-manifold Hessian measure {@code tr(D_W ∇²L)}, D_W = ‖W_l‖_F² on
 * layer l's weights (‖b_l‖² on its biases), as the authors' code computes it, under one symmetry. [R19]
 * states invariance to the network's scale symmetries; for layer scaling it holds (under T_α,
 * ‖W_l‖_F² gains α_l² and Hₖₖ loses it); MATH §4 flags node rescaling as open, and flatcheck settles it
 * with a counterexample: per-layer norms cannot see a rescaling inside a layer. The checker recomputes
 * D_W from the network and the Hessian diagonal by jets.
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
    public String source() {
        return "Rangamani et al. 2019 (arXiv 1902.02434), quotient-manifold Hessian, authors' code; MATH §4, §5.9";
    }

    @Override
    public String statement() {
        return "The quotient-Hessian trace tr(D_W ∇²L) (per-layer D_W, as in the authors' code) is invariant under "
                + (symmetry == Symmetry.LAYER_SCALING ? "layer scaling T_α." : "node rescaling.");
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
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.measure("quotient_hessian_trace", "quotient-hessian-trace", name, net, dname, data);
    }

    @Override
    String argument() {
        return "Under T_α layer l's weights scale by a_l (biases by Π_{k≤l} a_k): ‖W_l‖_F² by a_l², H_kk by 1/a_l², so every "
                + "term of Σ_k d_k H_kk is unchanged (proofs/measures.md); a node rescaling inside a layer changes H_kk but not "
                + "the layer norm as a whole, and one recomputed counterexample refutes invariance.";
    }
}
