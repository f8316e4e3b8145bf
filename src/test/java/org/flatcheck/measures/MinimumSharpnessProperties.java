package org.flatcheck.measures;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Interval;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;
import org.flatcheck.symmetry.NodeRescaling;
import org.flatcheck.testing.Generators;
import org.flatcheck.testing.Generators.NetworkAndData;

/**
 * The certified ends of {@code minimum-sharpness} against a second route: the Hessian trace computed
 * afresh on a rescaled network is a point of the orbit, so it can never be below the lower end; the
 * upper end, attained at the rescaling the search found, is never below the lower end either. On ordinary
 * deep networks the enclosures of equivalent networks are each tight (hi/lo ≤ 1.01) and overlap, so the
 * invariance check compares two narrow intervals rather than two wide ones.
 */
class MinimumSharpnessProperties {
    private static final FlatnessMeasure MEASURE = new MinimumSharpness();

    @Provide
    Arbitrary<Tuple2<NetworkAndData, NodeRescaling>> rescaled() {
        return Generators.networksWithData(Generators.smallNetworks())
                .flatMap(nd -> Generators.rescalingsFor(nd.net()).map(r -> Tuple.of(nd, r)));
    }

    @Property(tries = 300)
    void noPointOfTheOrbitIsBelowTheLowerEnd(@ForAll("rescaled") Tuple2<NetworkAndData, NodeRescaling> c) {
        Network net = c.get1().net();
        Value v = MEASURE.compute(net, c.get1().data(), Options.DEFAULTS);
        if (!(v instanceof Value.Certified cert)) {
            Statistics.label("value").collect(v.getClass().getSimpleName());
            return;
        }
        Statistics.label("value").collect("certified");
        Statistics.label("lower end").collect(cert.note() == null ? "none" : cert.note().replaceAll(";.*", ""));
        Interval i = cert.interval();
        assertTrue(i.lo().compareTo(i.hi()) <= 0);
        BigFraction trace;
        try {
            trace = LocalModel.of(c.get2().apply(net), c.get1().data()).hessian().trace();
        } catch (KinkException e) {
            return;
        }
        assertTrue(trace.compareTo(i.lo()) >= 0, "tr H at a rescaled point " + trace + " < lower end " + i.lo());
    }

    @Provide
    Arbitrary<Tuple2<NetworkAndData, GroupElement>> movedDeep() {
        return Generators.networksWithData(Generators.deepWithBiases(2, 3, 3))
                .flatMap(nd -> Generators.elements(nd.net()).map(g -> Tuple.of(nd, g)));
    }

    @Property(tries = 150)
    void equivalentNetworksHaveTightOverlappingEnclosures(@ForAll("movedDeep") Tuple2<NetworkAndData, GroupElement> c) {
        Network net = c.get1().net();
        GroupElement g = c.get2();
        Network moved = g.apply(net);
        for (FlatnessMeasure m : new FlatnessMeasure[] {MEASURE, new MinimumSharpnessLayer()}) {
            if (m.verdict(g.symmetry(), Options.DEFAULTS) != Verdict.INVARIANT) {
                continue;
            }
            Value before = m.compute(net, c.get1().data(), Options.DEFAULTS);
            if (before instanceof Value.Undefined) {
                Statistics.label("compared").collect("kink");
                continue;
            }
            Value after = m.compute(moved, c.get1().data(), Options.DEFAULTS);
            Statistics.label("compared").collect(m.id() + " under " + g.symmetry());
            for (Value v : new Value[] {before, after}) {
                Interval i = ((Value.Certified) v).interval();
                assertTrue(i.lo().getNumerator().signum() > 0
                        && i.hi().compareTo(i.lo().multiply(new BigFraction(101, 100))) <= 0, m.id() + " not tight: " + i);
            }
            assertFalse(before.provablyDifferent(after), m.id() + " under " + g.describe(net) + ": "
                    + before.describe() + " → " + after.describe());
        }
    }

    @Property(tries = 200)
    void shortScalesAreWithinTwoToTheMinusNineteenOfTheExponential(@ForAll double logScale) {
        net.jqwik.api.Assume.that(Double.isFinite(logScale));
        double clipped = Math.max(-700, Math.min(700, logScale % 700));
        BigFraction s = Local.shortScale(clipped);
        assertTrue(s.compareTo(BigFraction.ZERO) > 0);
        // In BigDecimal: BigFraction.doubleValue() converts numerator and denominator separately, so it
        // gives 0 once the denominator passes 2^1024 (e^-700 ≈ 2^-1010 does).
        java.math.BigDecimal e = new java.math.BigDecimal(Math.exp(clipped));
        java.math.BigDecimal sd = new java.math.BigDecimal(s.getNumerator())
                .divide(new java.math.BigDecimal(s.getDenominator()), java.math.MathContext.DECIMAL128);
        assertTrue(sd.subtract(e).abs().compareTo(e.multiply(new java.math.BigDecimal(0x1p-19))) <= 0, s + " vs " + e);
        BigInteger odd = s.getNumerator().multiply(s.getDenominator());
        assertTrue(odd.shiftRight(odd.getLowestSetBit()).bitLength() <= 21, "20 significant bits: " + s);
    }
}
