package org.flatcheck.claims.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The lookup from a certificate's text to a constant of one of the vocabulary enums ({@link QuantityKind}, …). */
final class WireNames {
    private WireNames() {
    }

    /** The constants by wire name; two constants with one name are a programming error. */
    static <E extends Enum<E>> Map<String, E> index(E[] values, Function<E, String> wire) {
        Map<String, E> out = new HashMap<>();
        for (E e : values) {
            if (out.put(wire.apply(e), e) != null) {
                throw new IllegalStateException("two constants named " + wire.apply(e));
            }
        }
        return Map.copyOf(out);
    }

    /** The constant named {@code wire}, or empty (also for null). */
    static <E> Optional<E> find(Map<String, E> index, String wire) {
        return wire == null ? Optional.empty() : Optional.ofNullable(index.get(wire));
    }
}
