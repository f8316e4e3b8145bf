package org.flatcheck.network;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Values derived from one immutable object and a companion (e.g. a network and a dataset), each computed
 * at most once per owner instance and per companion, the companion compared by identity — the way
 * {@code String} keeps its hash. The cache belongs to its owner and is collected with it, so there is no
 * global state; it is not part of the owner's value. Thread-safe: concurrent requests for the same owner
 * wait for each other, and a computation may itself ask for other derived values.
 */
public final class Derived {
    private final Map<Object, Map<String, Object>> byCompanion = new IdentityHashMap<>();

    /** The value {@code what} for {@code companion} (may be null), computed by {@code compute} on first request. */
    @SuppressWarnings("unchecked")
    public synchronized <T> T get(Object companion, String what, Supplier<T> compute) {
        Map<String, Object> values = byCompanion.computeIfAbsent(companion, c -> new HashMap<>());
        Object v = values.get(what);
        if (v == null) {
            v = compute.get();
            values.put(what, v);
        }
        return (T) v;
    }
}
