package org.flatcheck.invariance;

import org.flatcheck.calculus.Dataset;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;

/**
 * A certified failure of invariance: {@code measure(net) = before} and {@code measure(g(net)) = after}
 * are provably different (different exact values, or disjoint certified intervals); re-verified by
 * recomputation whenever built.
 */
public record Counterexample(String measure, Network net, Dataset data, GroupElement element, Value before, Value after) {
    /** Units (hidden nodes) of the network, the first shrinking criterion. */
    public int units() {
        return net.numHidden();
    }

    /** Total bit size of every number involved, the second shrinking criterion. */
    public long size() {
        long s = 0;
        for (var x : net.parameters()) {
            s += x.getNumerator().bitLength() + x.getDenominator().bitLength();
        }
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                for (var x : data.input(i)) {
                    s += x.getNumerator().bitLength() + x.getDenominator().bitLength();
                }
                for (var x : data.target(i)) {
                    s += x.getNumerator().bitLength() + x.getDenominator().bitLength();
                }
            }
        }
        return s;
    }

    /** Whether {@code other} is smaller: fewer units, then fewer data points, then fewer bits. */
    public boolean isSmallerThan(Counterexample other) {
        if (units() != other.units()) {
            return units() < other.units();
        }
        int p = data == null ? 0 : data.size();
        int q = other.data == null ? 0 : other.data.size();
        return p != q ? p < q : size() < other.size();
    }
}
