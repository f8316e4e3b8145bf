package org.flatcheck.network;

import java.util.Objects;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Node.Kind;

/**
 * The exact forward pass {@code f_θ(x)}: in topological order, {@code zᵥ = Σ_{(u→v)} w·hᵤ} (the source
 * contributes the bias, {@code h = 1}), {@code hᵥ = max(0, zᵥ)} on hidden nodes and {@code hᵥ = zᵥ} on
 * outputs. Straightforward rational arithmetic: the reference route that the fraction-free
 * derivative code in {@code calculus} is tested against.
 */
public final class Forward {
    private final Network net;
    private final BigFraction[] z;
    private final BigFraction[] h;

    private Forward(Network net, BigFraction[] z, BigFraction[] h) {
        this.net = net;
        this.z = z;
        this.h = h;
    }

    /** Runs the network on input {@code x} (one value per input node, in declaration order). */
    public static Forward run(Network net, BigFraction[] x) {
        Objects.requireNonNull(x, "x");
        int[] inputs = net.nodesOf(Kind.INPUT);
        if (x.length != inputs.length) {
            throw new IllegalArgumentException("input has " + x.length + " values, network " + inputs.length);
        }
        int n = net.nodes().size();
        BigFraction[] z = new BigFraction[n];
        BigFraction[] h = new BigFraction[n];
        h[Network.SOURCE] = BigFraction.ONE;
        for (int i = 0; i < inputs.length; i++) {
            h[inputs[i]] = Objects.requireNonNull(x[i], "input value");
        }
        for (int v : net.topologicalOrderOfNodes()) {
            Kind kind = net.node(v).kind();
            if (kind == Kind.SOURCE || kind == Kind.INPUT) {
                continue;
            }
            BigFraction s = BigFraction.ZERO;
            for (int k : net.inEdges(v)) {
                Edge e = net.edge(k);
                s = s.add(e.weight().multiply(h[e.from()]));
            }
            z[v] = s;
            h[v] = kind == Kind.HIDDEN && s.getNumerator().signum() < 0 ? BigFraction.ZERO : s;
        }
        return new Forward(net, z, h);
    }

    /** {@code f_θ(x)}, one value per output node in declaration order. */
    public BigFraction[] outputs() {
        int[] outs = net.nodesOf(Kind.OUTPUT);
        BigFraction[] y = new BigFraction[outs.length];
        for (int k = 0; k < outs.length; k++) {
            y[k] = h[outs[k]];
        }
        return y;
    }

    /** The pre-activation {@code zᵥ} of a hidden or output node. */
    public BigFraction preActivation(int v) {
        return z[v];
    }

    /** The activation {@code hᵥ} (the input value for inputs, 1 for the source). */
    public BigFraction activation(int v) {
        return h[v];
    }

    /** The first hidden node, in declaration order, whose pre-activation is exactly 0, or -1. */
    public int firstKink() {
        for (int v : net.nodesOf(Kind.HIDDEN)) {
            if (Q.isZero(z[v])) {
                return v;
            }
        }
        return -1;
    }

    /** The activation pattern: sign of every hidden pre-activation (+1 active, −1 inactive, 0 kink). */
    public ActivationPattern pattern() {
        int[] hidden = net.nodesOf(Kind.HIDDEN);
        int[] signs = new int[hidden.length];
        for (int i = 0; i < hidden.length; i++) {
            signs[i] = z[hidden[i]].getNumerator().signum();
        }
        return new ActivationPattern(signs);
    }
}
