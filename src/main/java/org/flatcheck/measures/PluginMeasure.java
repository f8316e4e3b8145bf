package org.flatcheck.measures;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.KinkException;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * A plug-in measure as the catalog hands it out: its metadata checked once at load ({@link #of}), and every
 * later call guarded, so that a plug-in that throws, returns null or never returns ends the run with a
 * message naming its class ({@link PluginError}, exit 2; {@link PluginError.Timeout}, exit 4) instead of
 * an internal error, a hang, or a missing verdict shown as a result. A {@link KinkException} passes through:
 * it is how a measure says "undefined at this point", as the built-in ones do.
 *
 * <p>Each {@code compute} runs in a daemon thread and is awaited at most {@code --plugin-timeout} seconds
 * (given to {@link #of}); past that the run aborts. The limit can only abort a run, never change a
 * value: a value is used only when the call returned it.
 */
final class PluginMeasure implements FlatnessMeasure {
    /** What a plug-in's id must look like: it is a command-line word and a column of every report. */
    static final Pattern ID = Pattern.compile("[a-z0-9-]{1,64}");
    /** Default of {@code --plugin-timeout}, in seconds. */
    static final double DEFAULT_TIMEOUT_SECONDS = 120;

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "flatcheck-plugin");
        t.setDaemon(true);
        return t;
    });

    private final FlatnessMeasure plugin;
    private final String cls;
    private final Metadata metadata;
    private final String id;
    private final double timeoutSeconds;

    private PluginMeasure(FlatnessMeasure plugin, Metadata metadata, double timeoutSeconds) {
        this.plugin = plugin;
        this.cls = plugin.getClass().getName();
        this.metadata = metadata;
        this.id = metadata.id();
        this.timeoutSeconds = timeoutSeconds;
    }

    static String seconds(double s) {
        return new java.text.DecimalFormat("0.###", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(s);
    }

    /**
     * The plug-in {@code m} with its metadata checked: an id matching {@code [a-z0-9-]+} (at most 64
     * characters), a citation and formula of one non-blank line, a verdict under every symmetry, a cost.
     *
     * @throws PluginError naming the class and the first broken rule
     */
    static PluginMeasure of(FlatnessMeasure m, double timeoutSeconds) {
        String cls = m.getClass().getName();
        Metadata metadata = call(cls, "metadata()", m::metadata);
        if (metadata == null) {
            throw new PluginError(cls, "metadata() returned null",
                    "return a Metadata with an id, a citation, a formula and a cost");
        }
        String id = metadata.id();
        if (!ID.matcher(id).matches()) {
            throw new PluginError(cls, "metadata().id() is \"" + id + "\"",
                    "return an id matching [a-z0-9-]+ of at most 64 characters, e.g. my-measure");
        }
        text(cls, "metadata().citation()", metadata.citation());
        text(cls, "metadata().formula()", metadata.formula());
        for (Symmetry s : Symmetry.values()) {
            Verdict v = call(cls, "verdict(" + s.key() + ")", () -> m.verdict(s, Options.DEFAULTS));
            if (v == null) {
                throw new PluginError(cls, "verdict(" + s.key() + ") of measure " + id + " returned null",
                        "declare INVARIANT or NOT_INVARIANT under every symmetry");
            }
        }
        return new PluginMeasure(m, metadata, timeoutSeconds);
    }

    private static void text(String cls, String what, String value) {
        if (value.isBlank() || value.length() > 1000 || value.lines().count() > 1) {
            throw new PluginError(cls, what + " is " + (value.isBlank() ? "a blank text"
                    : "text of " + value.length() + " characters or several lines"), "return one line of text (at most 1000 characters)");
        }
    }

    /** Calls a metadata method, turning anything it throws into a {@link PluginError} naming {@code what}. */
    private static <T> T call(String cls, String what, Supplier<T> f) {
        try {
            return f.get();
        } catch (RuntimeException | LinkageError | AssertionError e) {
            throw new PluginError(cls, what + " threw " + e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "fix the plug-in or remove it from the class path");
        }
    }

    /** The plug-in's class name. */
    String pluginClass() {
        return cls;
    }

    @Override
    public Metadata metadata() {
        return metadata;
    }

    @Override
    public Value compute(Network net, Dataset data, Options options) {
        Value v = guarded("compute", () -> plugin.compute(net, data, options));
        if (v == null) {
            throw new PluginError(cls, "compute of measure " + id + " returned null",
                    "return a Value (Value.Undefined with a reason where the measure has no value)");
        }
        return v;
    }

    @Override
    public Verdict verdict(Symmetry symmetry, Options options) {
        Verdict v = call(cls, "verdict(" + symmetry.key() + ", options) of measure " + id, () -> plugin.verdict(symmetry, options));
        if (v == null) {
            throw new PluginError(cls, "verdict(" + symmetry.key() + ", options) of measure " + id + " returned null",
                    "declare INVARIANT or NOT_INVARIANT under every symmetry and option");
        }
        return v;
    }

    @Override
    public boolean appliesTo(Network net, Symmetry symmetry) {
        Boolean b = call(cls, "appliesTo of measure " + id, () -> plugin.appliesTo(net, symmetry));
        return b;
    }

    @Override
    public Optional<Map<String, Value>> perLayer(Network net, Dataset data) {
        Optional<Map<String, Value>> o = guarded("perLayer", () -> plugin.perLayer(net, data));
        if (o == null || o.isPresent() && o.get().values().stream().anyMatch(java.util.Objects::isNull)) {
            throw new PluginError(cls, "perLayer of measure " + id + " returned null or a null value",
                    "return Optional.empty() or a map of values");
        }
        return o;
    }

    /**
     * Runs {@code f} in a plug-in thread and waits at most {@code --plugin-timeout}: what it throws becomes a
     * {@link PluginError} (a {@link KinkException} passes through), running over the limit a
     * {@link PluginError.Timeout}. An interrupted caller (the run's {@code --timeout}) stops waiting.
     */
    private <T> T guarded(String what, Supplier<T> f) {
        Future<T> future = THREADS.submit(f::get);
        double limit = timeoutSeconds;
        try {
            return future.get((long) Math.ceil(limit * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new PluginError.Timeout(cls, id, limit);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("stopped while plug-in " + cls + " was computing");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof KinkException k) {
                throw k;
            }
            if (c instanceof StackOverflowError || c instanceof OutOfMemoryError) {
                throw new PluginError(cls, what + " of measure " + id + " ran out of "
                        + (c instanceof StackOverflowError ? "stack" : "memory"),
                        "give the JVM more (JAVA_OPTS=-Xss…/-Xmx…), or fix the plug-in");
            }
            throw new PluginError(cls, what + " of measure " + id + " threw " + c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage()), "fix the plug-in or remove it from the class path");
        }
    }
}
