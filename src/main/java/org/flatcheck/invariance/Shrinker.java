package org.flatcheck.invariance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.GroupElement;

/**
 * Shrinks a counterexample on a layered network to the smallest one found: fewer hidden units (a unit
 * the group element leaves in place is deleted with its row, bias and column), then fewer data
 * points, a simpler group element (one rescaled node, factor 2 or 1/2), then simpler numbers (0, ±1,
 * ±2, ±1/2, or the nearest integer). Every candidate is re-evaluated exactly and kept only if the two
 * values are still provably different; the search stops after the check's number of shrink steps
 * (re-evaluated candidates), never on the clock, so the result is the same on every machine.
 */
final class Shrinker {
    private static final BigFraction[] SIMPLE = {BigFraction.ZERO, BigFraction.ONE, BigFraction.MINUS_ONE,
        Q.of(2), Q.of(-2), Q.of(1, 2), Q.of(-1, 2)};

    private final InvarianceCheck check;
    private int evaluations;

    Shrinker(InvarianceCheck check) {
        this.check = check;
    }

    Counterexample shrink(Counterexample start) {
        if (!start.net().isLayered()) {
            return start;
        }
        Counterexample best = start;
        boolean improved = true;
        int budget = check.shrinkSteps();
        while (improved && evaluations < budget) {
            improved = false;
            for (Counterexample c : candidates(best)) {
                if (evaluations >= budget) {
                    break;
                }
                if (c.isSmallerThan(best)) {
                    Optional<Counterexample> still = retest(c);
                    if (still.isPresent()) {
                        best = still.get();
                        improved = true;
                        break;
                    }
                }
            }
        }
        return best == start ? best : new Counterexample(best.measure(), best.net().withName(best.net().name() + "-shrunk"),
                best.data(), best.element(), best.before(), best.after());
    }

    private Optional<Counterexample> retest(Counterexample c) {
        evaluations++;
        return check.compare(c.net(), c.data(), c.element()).counterexample();
    }

    /** Candidate simplifications, most drastic first. */
    private List<Counterexample> candidates(Counterexample c) {
        List<Counterexample> out = new ArrayList<>();
        Net n = Net.of(c.net());
        for (int l = 1; l < n.sizes.length - 1; l++) {
            for (int j = 0; j < n.sizes[l] && n.sizes[l] > 1; j++) {
                Network smaller = n.withoutUnit(l, j).build(c.net().name());
                Dataset data = c.data();
                c.element().withoutUnit(c.net(), smaller, l, j)
                        .ifPresent(g -> out.add(new Counterexample(c.measure(), smaller, data, g, null, null)));
            }
        }
        if (c.data() != null && c.data().size() > 1) {
            for (int i = 0; i < c.data().size(); i++) {
                out.add(new Counterexample(c.measure(), c.net(), withoutPoint(c.data(), i), c.element(), null, null));
            }
        }
        out.addAll(simplerElements(c));
        BigFraction[] theta = c.net().parameters();
        for (int k = 0; k < theta.length; k++) {
            for (BigFraction x : simpler(theta[k])) {
                BigFraction[] t = theta.clone();
                t[k] = x;
                out.add(new Counterexample(c.measure(), c.net().withParameters(t), c.data(), c.element(), null, null));
            }
        }
        if (c.data() != null) {
            out.addAll(simplerData(c));
        }
        return out;
    }

    private static List<BigFraction> simpler(BigFraction x) {
        List<BigFraction> out = new ArrayList<>();
        for (BigFraction s : SIMPLE) {
            if (!s.equals(x)) {
                out.add(s);
            }
        }
        BigFraction rounded = Q.of(x.bigDecimalValue(0, java.math.BigDecimal.ROUND_HALF_UP).toBigInteger());
        if (!rounded.equals(x)) {
            out.add(rounded);
        }
        return out;
    }

    private List<Counterexample> simplerData(Counterexample c) {
        List<Counterexample> out = new ArrayList<>();
        Dataset d = c.data();
        for (int i = 0; i < d.size(); i++) {
            BigFraction[] x = d.input(i);
            BigFraction[] y = d.target(i);
            for (int j = 0; j < x.length + y.length; j++) {
                BigFraction v = j < x.length ? x[j] : y[j - x.length];
                for (BigFraction s : simpler(v)) {
                    BigFraction[][] xs = new BigFraction[d.size()][];
                    BigFraction[][] ys = new BigFraction[d.size()][];
                    for (int k = 0; k < d.size(); k++) {
                        xs[k] = d.input(k);
                        ys[k] = d.target(k);
                    }
                    if (j < x.length) {
                        xs[i][j] = s;
                    } else {
                        ys[i][j - x.length] = s;
                    }
                    out.add(new Counterexample(c.measure(), c.net(), Dataset.of(xs, ys), c.element(), null, null));
                }
            }
        }
        return out;
    }

    /** Simpler group elements on the same network and data ({@link GroupElement#simpler}). */
    private static List<Counterexample> simplerElements(Counterexample c) {
        List<Counterexample> out = new ArrayList<>();
        for (GroupElement g : c.element().simpler()) {
            out.add(new Counterexample(c.measure(), c.net(), c.data(), g, null, null));
        }
        return out;
    }

    private static Dataset withoutPoint(Dataset d, int drop) {
        BigFraction[][] x = new BigFraction[d.size() - 1][];
        BigFraction[][] y = new BigFraction[d.size() - 1][];
        for (int i = 0, k = 0; i < d.size(); i++) {
            if (i != drop) {
                x[k] = d.input(i);
                y[k++] = d.target(i);
            }
        }
        return Dataset.of(x, y);
    }

    /** A layered network as arrays, for structural edits. */
    private static final class Net {
        int[] sizes;
        BigFraction[][][] w;
        BigFraction[][] b;

        static Net of(Network net) {
            Net n = new Net();
            n.sizes = net.layers().orElseThrow();
            n.w = Layered.weights(net);
            n.b = Layered.biases(net);
            return n;
        }

        Net withoutUnit(int l, int j) {
            Net n = new Net();
            n.sizes = sizes.clone();
            n.sizes[l]--;
            n.w = new BigFraction[w.length][][];
            n.b = b == null ? null : new BigFraction[b.length][];
            for (int k = 0; k < w.length; k++) {
                List<BigFraction[]> rows = new ArrayList<>();
                for (int r = 0; r < w[k].length; r++) {
                    if (k == l - 1 && r == j) {
                        continue;
                    }
                    BigFraction[] row = w[k][r];
                    if (k == l) {
                        BigFraction[] cut = new BigFraction[row.length - 1];
                        for (int i = 0, t = 0; i < row.length; i++) {
                            if (i != j) {
                                cut[t++] = row[i];
                            }
                        }
                        row = cut;
                    }
                    rows.add(row);
                }
                n.w[k] = rows.toArray(new BigFraction[0][]);
                if (b != null) {
                    List<BigFraction> bs = new ArrayList<>();
                    for (int r = 0; r < b[k].length; r++) {
                        if (!(k == l - 1 && r == j)) {
                            bs.add(b[k][r]);
                        }
                    }
                    n.b[k] = bs.toArray(new BigFraction[0]);
                }
            }
            return n;
        }

        Network build(String name) {
            return Layered.of(name, sizes, w, b);
        }
    }
}
