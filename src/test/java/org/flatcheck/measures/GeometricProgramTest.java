package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Interval;
import org.junit.jupiter.api.Test;

/**
 * {@link GeometricProgram} on programs whose infimum is known in closed form (by AM–GM, by hand): the
 * enclosure contains it and is narrow, whether the infimum is attained, only approached, or 0.
 */
class GeometricProgramTest {
    private static final BigFraction TOLERANCE = new BigFraction(1, 1_000_000_000);

    private static BigFraction q(long p) {
        return new BigFraction(p);
    }

    private static void tightAround(Interval i, BigFraction truth) {
        assertTrue(i.contains(truth), i + " does not contain " + truth);
        assertTrue(i.width().compareTo(truth.multiply(TOLERANCE)) <= 0, "width " + i.width().doubleValue());
    }

    /** x² + 4/x² ≥ 2√4 = 4, attained at x² = 2. */
    @Test
    void oneVariable() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(4)}, new int[][] {{2}, {-2}}, 1);
        tightAround(gp.enclose().interval(), q(4));
    }

    /** a/x² + b x²/y² + c y²: the dual point (1/3, 1/3, 1/3) is optimal, p* = 3 (abc)^{1/3} = 6 for (1, 2, 4). */
    @Test
    void coupledChain() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(2), q(4)},
                new int[][] {{-2, 0}, {2, -2}, {0, 2}}, 2);
        GeometricProgram.Enclosure e = gp.enclose();
        tightAround(e.interval(), q(6));
        assertTrue(e.lowerEnd().contains("dual"), e.lowerEnd());
        BigFraction third = new BigFraction(1, 3);
        assertTrue(gp.dualBound(new BigFraction[] {third, third, third}).compareTo(q(6)) <= 0);
        assertTrue(gp.dualBound(new BigFraction[] {third, third, third}).compareTo(q(6).subtract(TOLERANCE)) >= 0);
    }

    /** x² + 1/x² + y² + 5: inf = 2 + 5 = 7, approached as y → 0, never attained. */
    @Test
    void infimumThatIsOnlyApproached() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(1), q(1), q(5)},
                new int[][] {{2, 0}, {-2, 0}, {0, 2}, {0, 0}}, 2);
        tightAround(gp.enclose().interval(), q(7));
    }

    /** 1/x² + 3/(x² y²): both terms vanish as x → ∞, so p* = 0 exactly. */
    @Test
    void zeroInfimum() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(3)}, new int[][] {{-2, 0}, {-2, -2}}, 2);
        assertEquals(Interval.point(BigFraction.ZERO), gp.enclose().interval());
    }

    /** Zero coefficients drop out; a variable none of whose terms remain is free. */
    @Test
    void zeroCoefficientsDropOut() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(4), BigFraction.ZERO},
                new int[][] {{2, 0}, {-2, 0}, {0, 2}}, 2);
        tightAround(gp.enclose().interval(), q(4));
        GeometricProgram none = new GeometricProgram(new BigFraction[] {BigFraction.ZERO}, new int[][] {{2}}, 1);
        assertEquals(Interval.point(BigFraction.ZERO), none.enclose().interval());
    }

    @Test
    void anInfeasibleDualPointIsRefused() {
        GeometricProgram gp = new GeometricProgram(new BigFraction[] {q(1), q(4)}, new int[][] {{2}, {-2}}, 1);
        BigFraction[] unbalanced = {new BigFraction(1, 3), new BigFraction(2, 3)};
        assertThrows(IllegalArgumentException.class, () -> gp.dualBound(unbalanced));
    }
}
