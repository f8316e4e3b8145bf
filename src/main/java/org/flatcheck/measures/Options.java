package org.flatcheck.measures;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.exact.Q;

/**
 * The settings of the measures that have them, typed: {@link #skeleton} (the skeleton rule of the PSI
 * quantities: {@code diagonal}, {@code first} or {@code random:SEED}; default {@code diagonal}),
 * {@link #layer} (relative flatness: the weight layer, 0-based; default the last), {@link #epsilon}
 * (Keskar's box; default 1/1000) and {@link #rho} (adaptive sharpness radius; default 1/100); plus
 * named text settings a plug-in measure reads with {@link #plugin}. Immutable.
 */
public record Options(String skeleton, OptionalInt layer, BigFraction epsilon, BigFraction rho, Map<String, String> plugins) {
    /** Every setting at its default. */
    public static final Options DEFAULTS = new Options("diagonal", OptionalInt.empty(), Q.of(1, 1000), Q.of(1, 100), Map.of());

    public Options {
        Objects.requireNonNull(skeleton, "skeleton");
        if (Objects.requireNonNull(layer, "layer").isPresent() && layer.getAsInt() < 0) {
            throw new IllegalArgumentException("layer must be 0 or more, got " + layer.getAsInt());
        }
        if (Q.signum(Objects.requireNonNull(epsilon, "epsilon")) <= 0 || Q.signum(Objects.requireNonNull(rho, "rho")) <= 0) {
            throw new IllegalArgumentException("epsilon and rho must be positive");
        }
        plugins = Map.copyOf(new TreeMap<>(plugins));
    }

    /** These options with the skeleton rule {@code rule}. */
    public Options withSkeleton(String rule) {
        return new Options(rule, layer, epsilon, rho, plugins);
    }

    /** These options with relative flatness on weight layer {@code l} (0-based). */
    public Options withLayer(int l) {
        return new Options(skeleton, OptionalInt.of(l), epsilon, rho, plugins);
    }

    /** These options with Keskar's box half-width factor {@code e}. */
    public Options withEpsilon(BigFraction e) {
        return new Options(skeleton, layer, e, rho, plugins);
    }

    /** These options with the adaptive-sharpness radius {@code r}. */
    public Options withRho(BigFraction r) {
        return new Options(skeleton, layer, epsilon, r, plugins);
    }

    /** These options with a plug-in measure's own setting {@code key = value}. */
    public Options withPlugin(String key, String value) {
        Map<String, String> m = new TreeMap<>(plugins);
        m.put(key, value);
        return new Options(skeleton, layer, epsilon, rho, m);
    }

    /** A plug-in measure's own setting, when given. */
    public Optional<String> plugin(String key) {
        return Optional.ofNullable(plugins.get(key));
    }
}
