package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

/**
 * The quotient-Hessian measures of Rangamani et al.: undefined, naming the block, where a weight matrix or
 * bias vector is 0 (their metric divides by its squared norm); elsewhere the trace is
 * {@code Σ_l ‖W_l‖² tr H_{W_l} + ‖b_l‖² tr H_{b_l}}, recomputed here block by block from the Hessian.
 */
class QuotientHessianTest {
    private static final FlatnessMeasure TRACE = new ScaledHessianMeasures.QuotientTrace();
    private static final FlatnessMeasure LAMBDA = new ScaledHessianMeasures.QuotientLambdaMax();

    private static BigFraction q(String s) {
        return org.flatcheck.exact.Q.of(s);
    }

    private static Network net(String outBias, String w1) {
        BigFraction[][][] w = {{{q("1"), q("-1")}, {q("1/2"), q("2")}}, {{q(w1), q(w1)}}};
        BigFraction[][] b = {{q("1/3"), q("-1/4")}, {q(outBias)}};
        return Layered.of("q", new int[] {2, 2, 1}, w, b);
    }

    private static final Dataset DATA = Dataset.of(new BigFraction[][] {{q("1"), q("2")}, {q("-1"), q("3")}},
            new BigFraction[][] {{q("1")}, {q("0")}});

    @Test
    void aZeroBiasVectorOrWeightMatrixLeavesBothUndefinedNamingIt() {
        for (FlatnessMeasure m : new FlatnessMeasure[] {TRACE, LAMBDA}) {
            Value bias = m.compute(net("0", "1"), DATA, Options.DEFAULTS);
            assertInstanceOf(Value.Undefined.class, bias, bias.describe());
            String reason = ((Value.Undefined) bias).reason();
            assertTrue(reason.contains("divides by each parameter block's squared norm")
                    && reason.contains("the bias vector b1"), reason);
            Value weights = m.compute(net("1", "0"), DATA, Options.DEFAULTS);
            assertTrue(((Value.Undefined) weights).reason().contains("the weight matrix W1"), weights.describe());
        }
    }

    @Test
    void withoutZeroBlocksTheTraceIsTheBlockNormWeightedDiagonal() {
        Network n = net("1/2", "-3");
        QMatrix h = LocalModel.of(n, DATA).hessian();
        // parameter order W0 (4), b0 (2), W1 (2), b1 (1); norms 1+1+1/4+4, 1/9+1/16, 9+9, 1/4
        BigFraction[] norms = {q("25/4"), q("25/144"), q("18"), q("1/4")};
        int[] block = {0, 0, 0, 0, 1, 1, 2, 2, 3};
        BigFraction expected = BigFraction.ZERO;
        for (int k = 0; k < block.length; k++) {
            expected = expected.add(norms[block[k]].multiply(h.get(k, k)));
        }
        assertEquals(new Value.Exact(expected), TRACE.compute(n, DATA, Options.DEFAULTS));
        assertInstanceOf(Value.Certified.class, LAMBDA.compute(n, DATA, Options.DEFAULTS));
    }
}
