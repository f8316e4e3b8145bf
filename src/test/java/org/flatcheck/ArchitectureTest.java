package org.flatcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The structure docs/ARCHITECTURE.md describes, read from the sources: the packages' layering (each may
 * import only the packages below it), a package-info for every package, the module descriptor (what it
 * exports, and that it provides exactly the measures listed for the class path), and rules that keep the
 * code easy to extend (no switch over string literals, no static synchronized state).
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?org\\.flatcheck\\.([a-z.]+?)\\.[A-Z]");
    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.flatcheck\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    /** What each package may use of flatcheck's own packages (the layering of docs/ARCHITECTURE.md §2). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("error", Set.of()),
            Map.entry("exact", Set.of()),
            Map.entry("numeric", Set.of()),
            Map.entry("network", Set.of("exact")),
            Map.entry("calculus", Set.of("exact", "network")),
            Map.entry("paths", Set.of("exact", "network")),
            Map.entry("symmetry", Set.of("exact", "network", "paths", "io")),
            Map.entry("io", Set.of("exact", "network", "calculus")),
            Map.entry("measures", Set.of("exact", "network", "calculus", "paths", "symmetry", "numeric")),
            Map.entry("invariance", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures")),
            Map.entry("bounds", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures")),
            Map.entry("claims.verify", Set.of("exact", "network", "calculus", "io")),
            Map.entry("claims", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures", "numeric",
                    "invariance", "io", "claims.verify")),
            Map.entry("report", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures", "numeric",
                    "invariance", "io", "bounds", "claims", "claims.verify")),
            Map.entry("testing", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures", "numeric",
                    "invariance", "io", "bounds", "claims", "claims.verify")),
            Map.entry("cli", Set.of("exact", "network", "calculus", "paths", "symmetry", "measures", "numeric",
                    "invariance", "io", "bounds", "claims", "claims.verify", "report")));

    private static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(MAIN)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")).sorted().toList();
        }
    }

    private static String packageOf(Path source) {
        return MAIN.resolve("org/flatcheck").relativize(source.getParent()).toString().replace('/', '.');
    }

    @Test
    void everyPackageImportsOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            String pkg = packageOf(p);
            Set<String> allowed = ALLOWED.get(pkg);
            assertTrue(allowed != null, "package " + pkg + " has no place in the layering of this test and docs/ARCHITECTURE.md");
            String text = Files.readString(p);
            for (Pattern pattern : List.of(IMPORT, QUALIFIED)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    String used = m.group(1);
                    if (!used.equals(pkg) && !allowed.contains(used) && !(used.equals("error") && !pkg.equals("exact"))) {
                        violations.add(p + " uses " + used);
                    }
                }
            }
        }
        assertEquals(List.of(), violations.stream().distinct().toList());
    }

    @Test
    void everyPackageSaysWhatItIsAndWhatItMayImport() throws IOException {
        Set<Path> dirs = sources().stream().map(Path::getParent).collect(Collectors.toCollection(TreeSet::new));
        for (Path d : dirs) {
            Path info = d.resolve("package-info.java");
            assertTrue(Files.exists(info), "missing " + info);
            assertTrue(Files.readString(info).contains("May import"), info + " states what the package may import");
        }
    }

    @Test
    void theModuleExportsTheApiAndProvidesExactlyTheListedMeasures() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        for (String api : List.of("error", "exact", "network", "calculus", "paths", "symmetry", "measures", "invariance", "io",
                "claims", "testing")) {
            assertTrue(exported.contains("org.flatcheck." + api), api + " is exported");
        }
        assertTrue(!exported.contains("org.flatcheck.cli"), "the command line is not API");
        Set<String> listed;
        try (Stream<String> lines = Files.lines(Path.of("src/main/resources/META-INF/services/org.flatcheck.measures.FlatnessMeasure"))) {
            listed = lines.map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> provided = d.provides().stream().filter(p -> p.service().equals("org.flatcheck.measures.FlatnessMeasure"))
                .flatMap(p -> p.providers().stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(listed, provided, "module-info provides what META-INF/services lists");
    }

    @Test
    void noSwitchOverStringLiteralsAndNoStaticLocks() throws IOException {
        List<String> violations = new ArrayList<>();
        Pattern stringCase = Pattern.compile("(?m)^\\s*case \"");
        Pattern staticLock = Pattern.compile("static synchronized");
        for (Path p : sources()) {
            String text = Files.readString(p);
            if (stringCase.matcher(text).find()) {
                violations.add(p + ": switch over string literals (use an enum)");
            }
            if (staticLock.matcher(text).find()) {
                violations.add(p + ": static synchronized state");
            }
        }
        assertEquals(List.of(), violations);
    }
}
