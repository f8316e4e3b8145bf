package org.flatcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version from the build ({@code flatcheck.properties}, filtered by Maven). */
public final class Version implements IVersionProvider {
    /** The project version, e.g. {@code 1.0.0}. */
    public static String get() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/flatcheck.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"flatcheck " + get(), "Java " + System.getProperty("java.version")};
    }
}
