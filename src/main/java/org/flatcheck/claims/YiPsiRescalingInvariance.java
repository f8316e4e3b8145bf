package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.invariance.GroupElement;
import org.flatcheck.measures.Symmetry;
import org.flatcheck.network.Network;

/**
 * [Y19], MATH §4 and §5.8: PSI-flatness (the trace of the Hessian of the loss in basis-path values, for
 * a fixed skeleton) and the psi-ratio are invariant under node rescaling and layer scaling. The checker
 * recomputes each trace from the section the certificate states ({@code psi_trace}: it first confirms the
 * section passes through θ's class) by Taylor jets in v; the psi-ratio is a function of the basis-path
 * values, whose equality the {@code same_path_values} checks state.
 */
public final class YiPsiRescalingInvariance extends InvarianceClaim {
    @Override
    public String id() {
        return "yi-psi-rescaling-invariance";
    }

    @Override
    public String source() {
        return "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness; MATH §4 reading, §5.8";
    }

    @Override
    public String statement() {
        return "PSI-flatness (trace of ∇²_v L̃ in basis-path values, fixed skeleton) and the psi-ratio are invariant under "
                + "node rescaling and layer scaling.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING);
    }

    @Override
    boolean accepts(Network net) {
        return Arrays.stream(net.parameters()).allMatch(x -> x.getNumerator().signum() != 0);
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.psiTrace(name, net, dname, data, "diagonal");
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        ObjectNode same = JsonNodeFactory.instance.objectNode();
        same.put("check", "same_path_values").put("a", an).put("b", bn).put("note", "psi-ratio = max|v_b| / min|v_b|");
        c.check("instance", same);
    }

    @Override
    String argument() {
        return "L̃(v) = L(s(v)) depends on θ only through its basis-path values v, which rescalings leave unchanged "
                + "(proofs/psi-flatness.md); the checks are exact instances, the trace recomputed by jets along the stated section.";
    }
}
