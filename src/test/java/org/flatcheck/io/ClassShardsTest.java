package org.flatcheck.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.io.ClassShards.Enumeration;
import org.flatcheck.io.ClassShards.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shard file reads back as written, and a field of the wrong shape is an error naming it. */
class ClassShardsTest {
    @TempDir
    Path dir;

    private static final Enumeration ENUMERATION = new Enumeration(new int[] {1, 1, 1},
            new BigFraction[] {BigFraction.MINUS_ONE, BigFraction.ONE_HALF}, false, false);

    @Test
    void aShardReadsBackAsWritten() throws IOException {
        Shard s = new Shard(ENUMERATION, 2, 3, 1, Map.of("1,1/2", 1L), Map.of(), Set.of("+,+,|,1/2"), Set.of("1,1/2"));
        Path f = dir.resolve("part.json");
        Files.writeString(f, ClassShards.toJson(s));
        Shard back = ClassShards.read(f, 100);
        assertEquals(ENUMERATION, back.enumeration());
        assertEquals(2, back.index());
        assertEquals(3, back.count());
        assertEquals(s.networks(), back.networks());
        assertEquals(s.rescalingClasses(), back.rescalingClasses());
        assertEquals(s.nonzeroPathKeys(), back.nonzeroPathKeys());
        assertEquals(2, ENUMERATION.parameters());
    }

    @Test
    void aKeyOfTheWrongLengthNamesItsField() throws IOException {
        Shard s = new Shard(ENUMERATION, 1, 1, 1, Map.of("1", 1L), Map.of(), Set.of(), Set.of());
        Path f = dir.resolve("part.json");
        Files.writeString(f, ClassShards.toJson(s));
        InputError e = assertThrows(InputError.class, () -> ClassShards.read(f, 100));
        assertEquals("rescaling_classes.1", e.field());
        assertTrue(e.problem().contains("2 parameters separated by commas"), e.problem());
        InputError tooLarge = assertThrows(InputError.class, () -> ClassShards.read(f, 1));
        assertEquals("layers", tooLarge.field());
    }
}
