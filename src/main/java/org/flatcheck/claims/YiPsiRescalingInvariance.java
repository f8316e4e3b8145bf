package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.Symmetry;

/**
 * Yi et al. 2019: PSI-flatness (the trace of the Hessian of the loss in basis-path values, for
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
        return "Yi et al. 2019 (arXiv 1903.02237), PSI-flatness on basis-path values";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.THEOREM;
    }

    @Override
    public String paperStatement() {
        return "Yi et al. 2019 define PSI-flatness on the values of basis paths, the variables that positive scaling "
                + "leaves unchanged, so that it has the positive-scale-invariance (PSI) property.";
    }

    @Override
    public String statement() {
        return "PSI-flatness as flatcheck defines it (the trace of the Hessian of L̃(v) = L(s(v)) in the basis-path "
                + "values v of a fixed skeleton; docs/definitions.md) and the psi-ratio are unchanged by node "
                + "rescalings and layer scalings, on random networks with nonzero parameters off their kinks. Squared "
                + "loss.";
    }

    @Override
    List<Symmetry> symmetries() {
        return List.of(Symmetry.NODE_RESCALING, Symmetry.LAYER_SCALING);
    }

    @Override
    boolean accepts(Network net) {
        return Arrays.stream(net.parameters()).allMatch(x -> !Q.isZero(x));
    }

    @Override
    ObjectNode quantity(String name, Network net, String dname, Dataset data) {
        return Quantities.psiTrace(name, net, dname, data, "diagonal");
    }

    @Override
    void more(Certificate c, Random rnd, String an, Network a, String bn, Network b, String dn, Dataset data, GroupElement g) {
        ObjectNode same = JsonNodeFactory.instance.objectNode();
        same.put("check", CheckKind.SAME_PATH_VALUES.wire()).put("a", an).put("b", bn).put("note", "psi-ratio = max|v_b| / min|v_b|");
        c.check("instance", same);
    }

    @Override
    String argument() {
        return "L̃(v) = L(s(v)) depends on θ only through its basis-path values v, which rescalings leave unchanged "
                + "(proofs/psi-flatness.md); the checks are exact instances, the trace recomputed by jets along the stated section.";
    }
}
