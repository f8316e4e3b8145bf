package org.flatcheck.measures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The measures available: every {@link FlatnessMeasure} registered with {@link ServiceLoader} —
 * flatcheck's own (listed in its {@code META-INF/services}) and any on the class path, in catalog order
 * (flatcheck's first, then by id). A measure from another jar or directory than flatcheck's classes is a
 * <em>plug-in</em>: it is checked at load and guarded on every call ({@link PluginMeasure}), and any
 * broken rule is a {@link PluginError} naming its class. Ids must be unique.
 */
public final class Catalog {
    private final Map<String, FlatnessMeasure> measures;

    private Catalog(Map<String, FlatnessMeasure> measures) {
        this.measures = measures;
    }

    /** The measures found on the class path, plug-ins included (each plug-in compute limited to the default timeout). */
    public static Catalog load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** As {@link #load()}, with one compute of a plug-in limited to {@code pluginTimeoutSeconds} ({@code --plugin-timeout}). */
    public static Catalog load(double pluginTimeoutSeconds) {
        return load(Thread.currentThread().getContextClassLoader(), pluginTimeoutSeconds);
    }

    /** As {@link #load(ClassLoader, double)} with the default plug-in timeout. */
    public static Catalog load(ClassLoader loader) {
        return load(loader, DEFAULT_PLUGIN_TIMEOUT_SECONDS);
    }

    /**
     * The measures found by {@code loader}, plug-ins included.
     *
     * @throws PluginError if a plug-in cannot be instantiated, has bad metadata (see {@link PluginMeasure#of})
     *         or takes an id already taken by a built-in measure or another plug-in
     */
    public static Catalog load(ClassLoader loader, double pluginTimeoutSeconds) {
        List<FlatnessMeasure> found = new ArrayList<>();
        List<FlatnessMeasure> plugins = new ArrayList<>();
        for (ServiceLoader.Provider<FlatnessMeasure> p : providers(loader, false)) {
            if (builtIn(p)) {
                found.add(p.get());
            } else {
                plugins.add(instantiate(p));
            }
        }
        Map<String, FlatnessMeasure> byId = index(found);
        plugins.sort(Comparator.comparing(Catalog::idOrNull, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(m -> m.getClass().getName()));
        for (FlatnessMeasure m : plugins) {
            PluginMeasure checked = PluginMeasure.of(m, pluginTimeoutSeconds);
            FlatnessMeasure before = byId.putIfAbsent(checked.id(), checked);
            if (before != null) {
                String other = before instanceof PluginMeasure pm ? "the plug-in " + pm.pluginClass()
                        : "the built-in measure " + before.getClass().getName();
                throw new PluginError(checked.pluginClass(), "id \"" + checked.id() + "\" is already taken by " + other,
                        "give the plug-in an id of its own");
            }
        }
        return new Catalog(byId);
    }

    /** Default of {@code --plugin-timeout}: the longest one {@code compute} of a plug-in may take, in seconds. */
    public static final double DEFAULT_PLUGIN_TIMEOUT_SECONDS = PluginMeasure.DEFAULT_TIMEOUT_SECONDS;

    /** A plug-in's id for ordering, or null when its metadata is missing or throws (reported when it is checked). */
    private static String idOrNull(FlatnessMeasure m) {
        try {
            Metadata md = m.metadata();
            return md == null ? null : md.id();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** flatcheck's own measures only: plug-ins on the class path are never instantiated (used by {@code prove}). */
    public static Catalog builtIn() {
        return builtIn(Thread.currentThread().getContextClassLoader());
    }

    /** flatcheck's own measures among those {@code loader} finds. */
    public static Catalog builtIn(ClassLoader loader) {
        List<FlatnessMeasure> found = new ArrayList<>();
        for (ServiceLoader.Provider<FlatnessMeasure> p : providers(loader, true)) {
            if (builtIn(p)) {
                found.add(p.get());
            }
        }
        return new Catalog(index(found));
    }

    /** Built-in measures by id, in catalog order. */
    private static Map<String, FlatnessMeasure> index(List<FlatnessMeasure> builtIns) {
        builtIns.sort(Comparator.comparing(Catalog::builtInOrder).thenComparing(FlatnessMeasure::id));
        Map<String, FlatnessMeasure> byId = new LinkedHashMap<>();
        for (FlatnessMeasure m : builtIns) {
            if (byId.put(m.id(), m) != null) {
                throw new IllegalStateException("two measures have the id " + m.id());
            }
        }
        return byId;
    }

    /**
     * The providers {@code loader} lists; a listed class that cannot be loaded (missing, not a measure) is a
     * {@link PluginError} naming it, unless it is skipped as a plug-in by {@link #builtIn(ClassLoader)}.
     */
    private static List<ServiceLoader.Provider<FlatnessMeasure>> providers(ClassLoader loader, boolean skipBroken) {
        List<ServiceLoader.Provider<FlatnessMeasure>> out = new ArrayList<>();
        java.util.Iterator<ServiceLoader.Provider<FlatnessMeasure>> it = ServiceLoader.load(FlatnessMeasure.class, loader)
                .stream().iterator();
        for (int broken = 0; broken < 10_000; ) {
            try {
                if (!it.hasNext()) {
                    return out;
                }
                out.add(it.next());
            } catch (java.util.ServiceConfigurationError e) {
                if (skipBroken) {
                    broken++; // ServiceLoader goes on with the next provider
                    continue;
                }
                throw new PluginError(providerName(e), "cannot be loaded (" + e.getMessage() + ")",
                        "check the plug-in's META-INF/services/org.flatcheck.measures.FlatnessMeasure and class path");
            }
        }
        return out;
    }

    private static String providerName(java.util.ServiceConfigurationError e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Provider ([\\w.$]+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "listed in META-INF/services/org.flatcheck.measures.FlatnessMeasure";
    }

    /** Whether a provider is one of flatcheck's own classes: loaded from where flatcheck's classes come from. */
    private static boolean builtIn(ServiceLoader.Provider<FlatnessMeasure> p) {
        Class<?> c = p.type();
        return c.getName().startsWith("org.flatcheck.measures.") && sameOrigin(c, FlatnessMeasure.class);
    }

    private static boolean sameOrigin(Class<?> a, Class<?> b) {
        java.security.CodeSource x = a.getProtectionDomain().getCodeSource();
        java.security.CodeSource y = b.getProtectionDomain().getCodeSource();
        return x != null && y != null && java.util.Objects.equals(x.getLocation(), y.getLocation());
    }

    /** A plug-in instance; a constructor that throws is a {@link PluginError} naming the class. */
    private static FlatnessMeasure instantiate(ServiceLoader.Provider<FlatnessMeasure> p) {
        try {
            return p.get();
        } catch (java.util.ServiceConfigurationError e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new PluginError(p.type().getName(), "cannot be instantiated (" + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")",
                    "give it a public no-argument constructor that does not throw");
        }
    }

    private static int builtInOrder(FlatnessMeasure m) {
        int i = BUILT_IN_ORDER.indexOf(m.id());
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static final List<String> BUILT_IN_ORDER = List.of("hessian-lambda-max", "hessian-spectral-norm",
            "hessian-trace", "hessian-frobenius", "hessian-pdet", "keskar-sharpness", "volume-flatness",
            "psi-flatness-trace", "psi-flatness-lambda-max", "psi-ratio", "quotient-hessian-trace",
            "quotient-hessian-lambda-max", "adaptive-sharpness-trace", "adaptive-sharpness-lambda-max",
            "adaptive-sharpness", "adaptive-l2-sharpness", "adaptive-average-sharpness", "geodesic-sharpness", "adaptive-sharpness-filter-trace", "adaptive-sharpness-filter-lambda-max",
            "functional-dimension", "fisher-rao", "path-norm-l1", "path-norm-l2", "path-norm-l1-with-biases", "path-norm-l2-with-biases", "relative-flatness",
            "relative-flatness-std", "relative-flatness-variance", "relative-flatness-spectral", "minimum-sharpness", "minimum-sharpness-layer",
            "normalized-sharpness", "normalized-sharpness-icml", "pac-bayes-flatness", "log-hessian-trace", "log-hessian-lambda-max", "metric-hessian-trace", "fisher-sharpness", "connectivity-sharpness", "frob-sam-sharpness", "det-sam-sharpness", "local-identifiability-rank", "balanced-hessian-trace", "horizontal-hessian-trace");

    /** All measures, in catalog order. */
    public List<FlatnessMeasure> all() {
        return List.copyOf(measures.values());
    }

    /** The measure with this id. */
    public Optional<FlatnessMeasure> get(String id) {
        return Optional.ofNullable(measures.get(id));
    }

    /** The catalog of these measures only, in catalog order. */
    public Catalog restrictedTo(java.util.Collection<String> ids) {
        Map<String, FlatnessMeasure> m = new LinkedHashMap<>();
        measures.forEach((id, x) -> {
            if (ids.contains(id)) {
                m.put(id, x);
            }
        });
        return new Catalog(m);
    }

    /** The ids, in catalog order. */
    public List<String> ids() {
        return List.copyOf(measures.keySet());
    }
}
