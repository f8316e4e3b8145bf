package org.flatcheck.measures;

/**
 * A plug-in measure (a {@link FlatnessMeasure} found on the class path that is not flatcheck's own) broke
 * its contract: bad metadata at load, or a {@code compute} or {@code verdict} that threw or returned null.
 * The message is one line that names the plug-in's class; the CLI prints it and exits with code 2.
 */
public final class PluginError extends org.flatcheck.error.BadInput {
    private static final long serialVersionUID = 1L;

    PluginError(String pluginClass, String problem, String fix) {
        super(oneLine("plug-in " + pluginClass + ": " + problem + "; " + fix));
    }

    static String oneLine(String s) {
        String t = s.replaceAll("\\s*\\R\\s*", " ");
        return t.length() > 500 ? t.substring(0, 500) + "…" : t;
    }

    /** One {@code compute} of a plug-in ran longer than {@code --plugin-timeout}: the run stops (exit 4). */
    public static final class Timeout extends org.flatcheck.error.LimitExceeded {
        private static final long serialVersionUID = 1L;

        Timeout(String pluginClass, String id, double seconds) {
            super("plug-in " + pluginClass + ": compute of measure " + id + " did not finish within --plugin-timeout "
                    + PluginMeasure.seconds(seconds) + " s; raise --plugin-timeout, or fix or remove the plug-in");
        }
    }
}
