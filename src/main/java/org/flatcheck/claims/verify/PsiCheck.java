package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.io.InputLimits;
import org.flatcheck.io.JsonInput;
import org.flatcheck.network.Network;

/**
 * The checker's route to {@code psi-flatness-trace} (Yi et al. 2019; docs/definitions.md): {@code Σ_b ∂²/∂v_b² L(s(v))} at the
 * basis-path values {@code v} of θ, for the section {@code s(v)ₖ = σₖ Π_b |v_b|^{E_kb}} the certificate
 * states. The checker first confirms that {@code s} is a section through θ's class: every basis path's
 * exponents sum to its own unit vector ({@code s(v)} has basis-path values {@code v}) and
 * {@code σ} is θ's sign pattern, and that {@code s(v(θ))} has θ's path values. Then, for each b, the
 * parameters along {@code v + t e_b} are jets {@code σₖ Π |v|^E · (1 + t/v_b)^{E_kb}}, expanded to second
 * order, and pushed through the frozen-pattern forward pass.
 */
final class PsiCheck {
    private PsiCheck() {
    }

    static BigFraction trace(CertificateReader v, JsonNode q, String path) {
        JsonInput in = v.input();
        String fix = "psi_trace needs basis (paths), signs (one per parameter) and exponents (one row per parameter)";
        Network net = v.net(q, path, "net");
        Dataset data = v.data(q, path, net);
        List<JsonNode> basis = in.array(in.required(q, path, "basis", fix), path + ".basis", fix);
        BigFraction[] signs = v.vector(q, path, "signs");
        List<JsonNode> exps = in.array(in.required(q, path, "exponents", fix), path + ".exponents", fix);
        int p = net.numParameters();
        int b = basis.size();
        if (signs.length != p || exps.size() != p) {
            throw in.error(path, "signs/exponents do not have one entry per parameter (" + p + ")", fix);
        }
        int[][] e = new int[p][b];
        for (int k = 0; k < p; k++) {
            List<JsonNode> row = in.array(exps.get(k), path + ".exponents[" + k + "]", fix);
            if (row.size() != b) {
                throw in.error(path + ".exponents[" + k + "]", "has " + row.size() + " entries, expected " + b, fix);
            }
            for (int j = 0; j < b; j++) {
                e[k][j] = exponent(in, row.get(j), path + ".exponents[" + k + "][" + j + "]", fix);
            }
        }
        BigFraction[] theta = net.parameters();
        for (int k = 0; k < p; k++) {
            if (Q.isZero(theta[k])) {
                throw new IndependentEvaluator.Kink("parameter " + net.parameterName(k) + " is 0, so L̃ is undefined");
            }
            if (signs[k].abs().compareTo(BigFraction.ONE) != 0 || signs[k].getNumerator().signum() != theta[k].getNumerator().signum()) {
                throw in.error(path + ".signs[" + k + "]", "is not the sign of " + net.parameterName(k), "signs are θ's signs");
            }
        }
        int[][] nodes = new int[b][];
        BigFraction[] vb = new BigFraction[b];
        for (int j = 0; j < b; j++) {
            nodes[j] = v.pathNodes(net, basis.get(j), path + ".basis[" + j + "]");
            vb[j] = IndependentEvaluator.pathValue(net, nodes[j]);
            long[] total = new long[b];
            for (int i = 0; i + 1 < nodes[j].length; i++) {
                int k = IndependentEvaluator.edgeIndex(net, nodes[j][i], nodes[j][i + 1]);
                for (int c = 0; c < b; c++) {
                    total[c] += e[k][c];
                }
            }
            for (int c = 0; c < b; c++) {
                if (total[c] != (c == j ? 1 : 0)) {
                    throw in.error(path + ".exponents", "do not give basis path " + j + " the value v_" + j
                            + " (exponents along it sum to " + java.util.Arrays.toString(total) + ")", fix);
                }
            }
        }
        BigFraction[] point = new BigFraction[p];
        for (int k = 0; k < p; k++) {
            point[k] = signs[k];
            for (int j = 0; j < b; j++) {
                point[k] = point[k].multiply(power(in, path + ".exponents[" + k + "][" + j + "]", vb[j].abs(), e[k][j]));
            }
        }
        Network section = net.withParameters(point);
        for (int[] walk : CheckerPaths.paths(net, true)) {
            if (!IndependentEvaluator.pathValue(net, walk).equals(IndependentEvaluator.pathValue(section, walk))) {
                throw in.error(path, "the section point s(v(θ)) does not have θ's path values", fix);
            }
        }
        java.util.List<Jet[]> directions = new java.util.ArrayList<>();
        for (int j = 0; j < b; j++) {
            Jet[] params = new Jet[p];
            BigFraction r = vb[j].reciprocal();
            for (int k = 0; k < p; k++) {
                BigFraction n = Q.of(e[k][j]);
                // (1 + t/v)^n = 1 + n t/v + n(n−1)/2 (t/v)², to second order
                Jet factor = new Jet(BigFraction.ONE, n.multiply(r), n.multiply(n.subtract(1)).divide(2).multiply(r).multiply(r));
                params[k] = factor.scale(point[k]);
            }
            directions.add(params);
        }
        BigFraction trace = BigFraction.ZERO;
        for (Jet j : IndependentEvaluator.lossJets(section, data, directions)) {
            trace = trace.add(j.second());
        }
        return trace;
    }

    private static final String EXPONENT_FIX = "raise --max-bits if the certificate is meant to have such exponents";

    /**
     * An exponent of a certificate: a JSON integer of at most {@code --max-bits} in absolute value (a
     * larger power of any number other than ±1 exceeds the limit anyway, and would hang the checker).
     */
    static int exponent(JsonInput in, JsonNode node, String path, String fix) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw in.error(path, "is " + (node.isNumber() ? node.asText() : "a JSON " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + ", not an integer", fix);
        }
        int n = node.intValue();
        if (Math.abs((long) n) > InputLimits.maxBits()) {
            throw in.error(path, "is " + n + ", above --max-bits " + InputLimits.maxBits(), EXPONENT_FIX);
        }
        return n;
    }

    /** {@code x^n}, refused (naming {@code path}) if the result could need more than {@code --max-bits} bits. */
    static BigFraction power(JsonInput in, String path, BigFraction x, int n) {
        long bits = Math.max(1, Math.max(x.getNumerator().bitLength(), x.getDenominator().bitLength()));
        if (bits * Math.abs((long) n) > InputLimits.maxBits()) {
            throw in.error(path, "raises a number of " + bits + " bits to the power " + n + ", above --max-bits "
                    + InputLimits.maxBits(), EXPONENT_FIX);
        }
        if (n < 0 && Q.isZero(x)) {
            throw in.error(path, "is negative but applies to a basis path of value 0", "give 0 a non-negative exponent");
        }
        return n >= 0 ? x.pow(n) : x.reciprocal().pow(-n);
    }
}
