package org.flatcheck.network;

import java.util.Arrays;

/**
 * Signs of the hidden pre-activations on one input, in hidden-node declaration order: +1 (active), −1
 * (inactive) or 0 (a kink, where the loss is not differentiable). On the open set of θ with a fixed
 * kink-free pattern on every data point the network is a polynomial in θ (docs/definitions.md §networks).
 */
public final class ActivationPattern {
    private final int[] signs;

    ActivationPattern(int[] signs) {
        this.signs = signs;
    }

    /** The sign of hidden node number {@code i} (in declaration order). */
    public int sign(int i) {
        return signs[i];
    }

    public int size() {
        return signs.length;
    }

    /** Whether some pre-activation is exactly 0. */
    public boolean hasKink() {
        return Arrays.stream(signs).anyMatch(s -> s == 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationPattern && Arrays.equals(signs, ((ActivationPattern) o).signs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int s : signs) {
            sb.append(s > 0 ? '+' : s < 0 ? '-' : '0');
        }
        return sb.toString();
    }
}
