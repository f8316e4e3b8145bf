package org.flatcheck.calculus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

class HessianSpectrumProperties {
    @Provide
    Arbitrary<NetworkAndData> cases() {
        return Generators.networksWithData(Generators.smallNetworks());
    }

    @Property(tries = 200, maxDiscardRatio = 10)
    void eigenvalueIntervalsCountEveryParameterAndBracketTheTrace(@ForAll("cases") NetworkAndData c) {
        LocalModel m = LocalModel.of(c.net(), c.data());
        Assume.that(m.kink().isEmpty());
        QMatrix h = m.hessian();
        Spectrum s = Spectrum.of(h, Spectrum.widthForDigits(20));
        Statistics.label("P").collect(h.rows() <= 10 ? "≤ 10" : h.rows() <= 20 ? "11-20" : "> 20");
        Statistics.label("rank deficient").collect(s.rank() < h.rows());
        assertEquals(c.net().numParameters(), s.eigenvalues().size());
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        for (Interval i : s.eigenvalues()) {
            lo = lo.add(i.lo());
            hi = hi.add(i.hi());
        }
        assertTrue(lo.compareTo(h.trace()) <= 0 && h.trace().compareTo(hi) <= 0, "Σlo ≤ tr H ≤ Σhi");
    }

    /**
     * Found by the property above (seed −8380180702156873078): a Newton iterate left the isolating interval
     * of the root near 2/3 and landed exactly on the rational root 38084 of the same square-free factor,
     * which was then reported twice and the small root not at all.
     */
    @org.junit.jupiter.api.Test
    void newtonIteratesOutsideTheIsolatingIntervalAreNeverAcceptedAsRoots() {
        Network net = org.flatcheck.network.Layered.of("bug", new int[] {1, 3, 2},
                new BigFraction[][][] {{{Q.of(8)}, {Q.of(8)}, {Q.of(8)}}, {{Q.of(8), Q.of(8), Q.of(8)}, {Q.of(8), Q.of(8), Q.of(8)}}},
                new BigFraction[][] {{Q.of(7), Q.of(8), Q.of(8)}, {Q.of(0), Q.of(0)}});
        org.flatcheck.calculus.Dataset data = org.flatcheck.calculus.Dataset.of(new BigFraction[][] {{Q.of(9)}},
                new BigFraction[][] {{Q.of(0), Q.of(0)}});
        QMatrix h = LocalModel.of(net, data).hessian();
        Spectrum s = Spectrum.of(h, Spectrum.widthForDigits(30));
        BigFraction lo = BigFraction.ZERO;
        BigFraction hi = BigFraction.ZERO;
        long exact38084 = 0;
        boolean small = false;
        for (Interval i : s.eigenvalues()) {
            lo = lo.add(i.lo());
            hi = hi.add(i.hi());
            exact38084 += i.equals(Interval.point(Q.of(38084))) ? 1 : 0;
            small |= i.lo().compareTo(Q.of(1, 2)) > 0 && i.hi().compareTo(Q.of(1)) < 0;
        }
        assertTrue(lo.compareTo(h.trace()) <= 0 && h.trace().compareTo(hi) <= 0, "Σlo ≤ tr H ≤ Σhi");
        assertEquals(1, exact38084, "38084 is a simple eigenvalue (SymPy: λ⁶(λ−38084)(λ²−2398168064)²(cubic))");
        assertTrue(small, "the cubic's root near 0.667 is listed");
    }
}
