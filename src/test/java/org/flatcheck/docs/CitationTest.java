package org.flatcheck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** LICENSE, CITATION.cff and the pom agree: one licence, one version, and the fields a citation needs. */
class CitationTest {
    private static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>flatcheck</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "the pom states flatcheck's version");
        return m.group(1);
    }

    @Test
    void citationFileHasTheRequiredFieldsAndThePomsVersion() throws IOException {
        String cff = Files.readString(Path.of("CITATION.cff"));
        for (String key : List.of("cff-version: 1.2.0", "message:", "title:", "authors:", "license: Apache-2.0", "abstract:",
                "keywords:", "preferred-citation:")) {
            assertTrue(cff.contains(key), "CITATION.cff has " + key);
        }
        Matcher v = Pattern.compile("(?m)^\\s*version: \"([^\"]+)\"").matcher(cff);
        int versions = 0;
        while (v.find()) {
            assertEquals(pomVersion(), v.group(1), "CITATION.cff names the pom's version");
            versions++;
        }
        assertEquals(2, versions, "the software and its preferred citation both carry the version");
    }

    @Test
    void theLicenceIsApacheTwoEverywhere() throws IOException {
        String license = Files.readString(Path.of("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"), "LICENSE is Apache-2.0");
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<name>Apache License, Version 2.0</name>"), "the pom says so");
        assertTrue(Files.readString(Path.of("README.md")).contains("## How to cite"), "the README says how to cite");
    }
}
