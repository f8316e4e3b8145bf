package org.flatcheck.bounds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.junit.jupiter.api.Test;

/**
 * Every numeric term against an independent computation: {@code src/test/resources/bounds/reference.py}
 * (sympy for the exact parts — path listing, eigenvalues of W Wᵀ, the Hessian by symbolic
 * differentiation — and mpmath at 60 digits for the rest), run once with /usr/bin/python3 (sympy 1.14,
 * mpmath 1.3); its printed values are pasted below. Plus hand-checkable cases.
 */
class BoundReferenceTest {
    /** The script's network: 2-2-1, no biases, W1 = [[1, -1/3], [2, 1]], W2 = [[3/2, -1]]. */
    static Network net() {
        return Layered.of("reference", new int[] {2, 2, 1}, new BigFraction[][][] {
            {{q("1"), q("-1/3")}, {q("2"), q("1")}}, {{q("3/2"), q("-1")}}}, null);
    }

    /** x = (1, 2), (-1, 1/2), (2, -1); y = 1, 0, 1/2. */
    static Dataset data() {
        return Dataset.of(new BigFraction[][] {{q("1"), q("2")}, {q("-1"), q("1/2")}, {q("2"), q("-1")}},
                new BigFraction[][] {{q("1")}, {q("0")}, {q("1/2")}});
    }

    static BigFraction q(String s) {
        return Q.parse(s);
    }

    /** Values printed by reference.py (30 significant digits). */
    private static final Map<String, String> REFERENCE = Map.of(
            "n15-path-l1-rademacher", "38.4540503093568804550073274587",
            "g24-path-l1", "48.4118396244689370818475806297",
            "b17-spectral-complexity", "14.3664726992908397262902640658",
            "nbs18-spectral-frobenius", "26.5726957183626733111102032861",
            "j20-pacbayes-orig", "505.664324883836631640072378944",
            "j20-pacbayes-mag-orig", "22.814356144392435084102245195");

    @Test
    void numericTermsAgreeWithTheIndependentSympyMpmathComputation() {
        for (Map.Entry<String, String> e : REFERENCE.entrySet()) {
            BoundValue v = Bounds.get(e.getKey()).orElseThrow().compute(net(), data(), BoundOptions.DEFAULTS);
            BoundValue.Numeric num = assertInstanceOf(BoundValue.Numeric.class, v, e.getKey());
            BoundValue.Numeric ref = new BoundValue.Numeric(new BigDecimal(e.getValue()), 29, "reference");
            assertTrue(num.agreesWith(ref), e.getKey() + ": " + num.text() + " vs reference " + e.getValue());
            assertEquals(30, num.value().precision(), e.getKey() + " carries 30 significant digits");
        }
    }

    @Test
    void exactInputsAgreeWithTheScript() {
        BoundOptions o = BoundOptions.DEFAULTS;
        Map<String, Value> j20 = Bounds.get("j20-pacbayes-orig").orElseThrow().exactInputs(net(), data(), o);
        assertEquals(Value.exact(q("337/36")), j20.get("‖θ‖²"));
        assertEquals(Value.exact(q("1135/27")), j20.get("tr ∇²L"));
        Map<String, Value> n15 = Bounds.get("n15-path-l1-rademacher").orElseThrow().exactInputs(net(), data(), o);
        assertEquals(Value.exact(q("5")), n15.get("‖v‖₁ (path-norm-l1)"));
        Value flatness = Bounds.get("j20-pacbayes-mag-orig").orElseThrow().exactInputs(net(), data(), o)
                .get("1/σ'² (pac-bayes-flatness)");
        assertEquals(q("270000000/1079773"), ((Value.Numeric) flatness).value());
    }

    /**
     * By hand: 1-1-1 net (a, b) = (2, 3), one point x = 1/2. ‖W‖₂ = |w| and ‖Wᵀ‖_{2,1} = |w| for 1×1
     * matrices, so R_A = |ab| (1 + 1)^{3/2} = 6 · 2√2 = 12√2; NBS18's S = |ab|² · 2 = 72, B² = 1/4, d = 2,
     * h = 1: √((1/4 · 4 · 1 · ln 2 · 72 + ln(2·1·20)) / 1) = √(72 ln 2 + ln 40).
     */
    @Test
    void oneByOneLayersByHand() {
        Network net = Layered.of("1-1-1", new int[] {1, 1, 1}, new BigFraction[][][] {{{q("2")}}, {{q("3")}}}, null);
        Dataset data = Dataset.of(new BigFraction[][] {{q("1/2")}}, new BigFraction[][] {{q("0")}});
        BoundValue.Numeric b17 = (BoundValue.Numeric) new B17SpectralComplexity().compute(net, data, BoundOptions.DEFAULTS);
        BigDecimal expected = new BigDecimal(2).sqrt(new java.math.MathContext(40)).multiply(BigDecimal.valueOf(12));
        assertTrue(b17.agreesWith(new BoundValue.Numeric(expected, 30, "hand")), b17.text());
        BoundValue.Numeric nbs = (BoundValue.Numeric) new Nbs18SpectralFrobenius().compute(net, data, BoundOptions.DEFAULTS);
        // 72 ln 2 + ln 40 = 49.906… + 3.688… ; square root ≈ 7.3251…
        double check = Math.sqrt(72 * Math.log(2) + Math.log(40));
        assertEquals(check, nbs.value().doubleValue(), 1e-12);
    }

    @Test
    void termsOutsideTheirSourceAreUndefinedWithAReason() {
        Network biased = Layered.of("b", new int[] {1, 1, 1}, new BigFraction[][][] {{{q("2")}}, {{q("3")}}},
                new BigFraction[][] {{q("1")}, {q("0")}});
        Dataset data = Dataset.of(new BigFraction[][] {{q("1")}}, new BigFraction[][] {{q("0")}});
        for (String id : new String[] {"n15-path-l1-rademacher", "b17-spectral-complexity", "nbs18-spectral-frobenius"}) {
            BoundValue v = Bounds.get(id).orElseThrow().compute(biased, data, BoundOptions.DEFAULTS);
            BoundValue.Undefined u = assertInstanceOf(BoundValue.Undefined.class, v, id);
            assertTrue(u.reason().contains("bias"), u.reason());
        }
        assertInstanceOf(BoundValue.Numeric.class, new G24PathNorm().compute(biased, data, BoundOptions.DEFAULTS));
    }

    @Test
    void bigMathMatchesKnownConstants() {
        java.math.MathContext mc = new java.math.MathContext(50);
        assertClose("0.693147180559945309417232121458176568075500134360255254120680", BigMath.ln(new BigDecimal(2), mc));
        assertClose("2.71828182845904523536028747135266249775724709369995957496697", BigMath.exp(BigDecimal.ONE, mc));
        assertClose("-92.1034037197618273607196581873745683040440595451518580360", BigMath.ln(new BigDecimal("1e-40"), mc));
        assertClose("4", BigMath.pow(new BigDecimal(8), new BigFraction(2, 3), mc));
        // ln(1 + 1e-20) = 1e-20 − 5e-41 + 3.33…e-61: relative accuracy near 1, no cancellation.
        assertClose("9.99999999999999999995000000000000000000033333333333333333e-21",
                BigMath.ln(new BigDecimal("1.00000000000000000001"), mc));
    }

    /** Within 10⁻⁴⁸ relative (50 digits requested). */
    private static void assertClose(String expected, BigDecimal actual) {
        BigDecimal e = new BigDecimal(expected);
        assertTrue(e.subtract(actual).abs().compareTo(e.abs().scaleByPowerOfTen(-48)) <= 0, expected + " vs " + actual);
    }
}
