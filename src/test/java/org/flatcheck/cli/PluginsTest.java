package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flatcheck.measures.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import plugintest.Base;

/**
 * Plug-in measures that misbehave (test sources, package {@code plugintest}) end in a documented exit code
 * with one line naming the plug-in class: never exit 70 "a bug in flatcheck", never a hang, never a
 * missing verdict shown as "NOT invariant", and {@code prove} never exits 1 because of them.
 */
class PluginsTest {
    @TempDir
    Path dir;

    /** A class loader whose services file lists exactly {@code plugins}, the way a user's jar would. */
    private ClassLoader loaderWith(Class<?>... plugins) throws IOException {
        Path services = dir.resolve("META-INF/services/org.flatcheck.measures.FlatnessMeasure");
        Files.createDirectories(services.getParent());
        StringBuilder sb = new StringBuilder();
        for (Class<?> c : plugins) {
            sb.append(c.getName()).append('\n');
        }
        Files.writeString(services, sb.toString());
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    }

    /** Runs the CLI with {@code plugins} on the class path, in another thread so that a hang fails the test. */
    private CliRun runWith(List<Class<?>> plugins, String... args) throws Exception {
        ClassLoader loader = loaderWith(plugins.toArray(new Class<?>[0]));
        CompletableFuture<CliRun> run = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                run.complete(CliRun.of(args));
            } catch (Throwable e) {
                run.completeExceptionally(e);
            }
        });
        t.setContextClassLoader(loader);
        t.setDaemon(true);
        t.start();
        return run.get(300, TimeUnit.SECONDS); // "finishes at all", no duration is asserted
    }

    private CliRun audit(Class<?>... plugins) throws Exception {
        return runWith(List.of(plugins), "audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json",
                "--tries", "5", "--search-tries", "5", "--only", "path-norm-l1");
    }

    private static void oneLine(CliRun run, int code, Class<?> plugin, String... says) {
        assertEquals(code, run.code(), run.out() + run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).contains(plugin.getName()), "names the plug-in class: " + run.err());
        for (String s : says) {
            assertTrue(lines.get(0).contains(s), s + " in " + run.err());
        }
        assertFalse(run.err().contains("internal error") || run.err().contains("bug in flatcheck")
                || run.err().contains("\tat "), run.err());
    }

    @Test
    void aWellBehavedPluginJoinsTheAudit() throws Exception {
        CliRun run = runWith(List.of(Base.class), "audit", "--net", "examples/xor.json", "--data", "examples/xor-data.json",
                "--only", "test-norm");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("test-norm") && run.out().contains("NOT invariant"), run.out());
    }

    @Test
    void pluginsWithBadMetadataAreRefusedAtLoad() throws Exception {
        oneLine(audit(Base.NullMetadata.class), 2, Base.NullMetadata.class, "metadata()", "null");
        oneLine(audit(Base.BadId.class), 2, Base.BadId.class, "id", "[a-z0-9-]+");
        oneLine(audit(Base.BuiltInId.class), 2, Base.BuiltInId.class, "hessian-trace", "built-in");
        oneLine(audit(Base.NoCitation.class), 2, Base.NoCitation.class, "citation");
        oneLine(audit(Base.NullVerdict.class), 2, Base.NullVerdict.class, "verdict", "node_rescaling");
        oneLine(audit(Base.ConstructorThrows.class), 2, Base.ConstructorThrows.class, "cannot start");
        CliRun dup = audit(Base.class, Base.SameIdAsBase.class);
        oneLine(dup, 2, Base.SameIdAsBase.class, "test-norm", Base.class.getName());
    }

    @Test
    void aThrowingComputeIsBadInputNamingThePlugin() throws Exception {
        CliRun run = runWith(List.of(Base.Throws.class), "audit", "--net", "examples/xor.json", "--data",
                "examples/xor-data.json", "--only", "test-throws");
        oneLine(run, 2, Base.Throws.class, "test-throws", "IllegalStateException", "boom");
    }

    @Test
    void aNullValueIsBadInputNamingThePlugin() throws Exception {
        CliRun run = runWith(List.of(Base.ReturnsNull.class), "audit", "--net", "examples/xor.json", "--data",
                "examples/xor-data.json", "--only", "test-null-value");
        oneLine(run, 2, Base.ReturnsNull.class, "null");
    }

    @Test
    void aNullVerdictIsNeverShownAsNotInvariant() throws Exception {
        CliRun run = runWith(List.of(Base.NullVerdictWithOptions.class), "audit", "--net", "examples/xor.json", "--data",
                "examples/xor-data.json", "--only", "test-null-verdict-options", "--skeleton", "first");
        oneLine(run, 2, Base.NullVerdictWithOptions.class, "verdict");
        assertFalse(run.out().contains("NOT invariant"), run.out());
    }

    @Test
    void aLoopingComputeIsStoppedByThePluginTimeout() throws Exception {
        Base.Loops.release = false;
        try {
            CliRun run = runWith(List.of(Base.Loops.class), "audit", "--net", "examples/xor.json", "--data",
                    "examples/xor-data.json", "--only", "test-loops", "--plugin-timeout", "1");
            oneLine(run, 4, Base.Loops.class, "--plugin-timeout");
            assertEquals("", run.out(), "no table from an aborted audit");
        } finally {
            Base.Loops.release = true;
        }
    }

    @Test
    void proveIgnoresPluginsAndNeverFailsBecauseOfThem() throws Exception {
        CliRun run = runWith(List.of(Base.NullMetadata.class, Base.Throws.class), "prove", "function-invariance", "--quick",
                "--out", dir.resolve("certs").toString());
        assertEquals(0, run.code(), run.out() + run.err());
    }

    @Test
    void theCatalogOfBuiltInsNeverInstantiatesAPlugin() throws Exception {
        Catalog builtIn = Catalog.builtIn(loaderWith(Base.ConstructorThrows.class, Base.NullMetadata.class));
        assertEquals(Catalog.builtIn(getClass().getClassLoader()).ids(), builtIn.ids());
        assertFalse(builtIn.ids().contains("test-norm"));
    }
}
