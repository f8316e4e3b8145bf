package org.flatcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code classes --merge} against edited shard files: every edit the attack on the landed code got past
 * the merge (a class size +3, a deleted class, a bogus key, one shard's content relabelled as another's)
 * ends in exit 2 and one line naming the shard file and the field; {@code --verify} also catches counts
 * moved between existing classes, which sizes and spot checks cannot see.
 */
class ShardMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] ENUMERATION = {"classes", "--layers", "2,2,1", "--grid", "-1,0,1"};

    @TempDir
    Path dir;

    private final Path[] shards = new Path[3];

    @BeforeEach
    void writeShards() {
        for (int i = 1; i <= 3; i++) {
            shards[i - 1] = dir.resolve("part-" + i + ".json");
            CliRun run = CliRun.of(concat(ENUMERATION, "--shard", i + "/3", "-o", shards[i - 1].toString()));
            assertEquals(0, run.code(), run.err());
        }
    }

    private CliRun merge(String... extra) {
        String[] args = {"classes", "--merge", shards[0].toString(), shards[1].toString(), shards[2].toString(), "--json"};
        return CliRun.of(concat(args, extra));
    }

    /** Edits shard {@code i} (1-based) in place. */
    private void edit(int i, Consumer<ObjectNode> change) throws IOException {
        ObjectNode o = (ObjectNode) JSON.readTree(shards[i - 1].toFile());
        change.accept(o);
        JSON.writeValue(shards[i - 1].toFile(), o);
    }

    private static void refused(CliRun run, Path file, String field) {
        assertEquals(2, run.code(), run.out() + run.err());
        List<String> lines = run.err().strip().lines().toList();
        assertEquals(1, lines.size(), run.err());
        assertTrue(lines.get(0).startsWith("error: " + file + ": " + field), run.err());
        assertEquals("", run.out(), "no result from edited shards");
    }

    @Test
    void uneditedShardsMergeAndVerify() {
        CliRun whole = CliRun.of(concat(ENUMERATION, "--json"));
        CliRun merged = merge();
        assertEquals(0, merged.code(), merged.err());
        assertEquals(whole.out(), merged.out());
        CliRun verified = merge("--verify");
        assertEquals(0, verified.code(), verified.err());
        assertEquals(whole.out(), verified.out());
    }

    @Test
    void aClassSizeRaisedByThreeIsRefused() throws IOException {
        edit(2, o -> {
            ObjectNode c = (ObjectNode) o.get("rescaling_classes");
            String k = c.fieldNames().next();
            c.put(k, c.get(k).asLong() + 3);
        });
        refused(merge(), shards[1], "rescaling_classes");
    }

    @Test
    void aDeletedClassIsRefused() throws IOException {
        edit(1, o -> ((ObjectNode) o.get("rescaling_classes")).remove(o.get("rescaling_classes").fieldNames().next()));
        refused(merge(), shards[0], "rescaling_classes");
    }

    @Test
    void aBogusKeyIsRefusedAsNotCanonical() throws IOException {
        edit(3, o -> {
            ObjectNode c = (ObjectNode) o.get("rescaling_classes");
            String k = c.fieldNames().next();
            long size = c.get(k).asLong();
            c.remove(k);
            c.put("2,2,2,2,2,2", size); // the same sizes in total, under a key that is no canonical form
        });
        refused(merge(), shards[2], "rescaling_classes.2,2,2,2,2,2");
    }

    @Test
    void aShardRelabelledAsAnotherIsCaughtByTheSpotCheck() throws IOException {
        // shard 3's content labelled 2/3 (both have 243 networks of 729), shard 2 dropped, shard 3 given as well
        ObjectNode three = (ObjectNode) JSON.readTree(shards[2].toFile());
        three.put("shard", "2/3");
        JSON.writeValue(shards[1].toFile(), three);
        refused(merge(), shards[1], "shard");
    }

    @Test
    void aWrongNetworkCountIsRefused() throws IOException {
        edit(1, o -> o.put("networks", o.get("networks").asLong() + 1));
        refused(merge(), shards[0], "networks");
    }

    @Test
    void sizesMovedBetweenClassesAreCaughtByVerify() throws IOException {
        // one class one network larger, another (canonical, of this shard) gone: the sizes still add up
        edit(2, o -> {
            ObjectNode c = (ObjectNode) o.get("rescaling_classes");
            Iterator<String> keys = c.fieldNames();
            String a = keys.next();
            String b = keys.next();
            c.put(a, c.get(a).asLong() + c.get(b).asLong());
            c.remove(b);
            ArrayNode nonzero = (ArrayNode) o.get("nonzero_rescaling_classes");
            for (int i = nonzero.size() - 1; i >= 0; i--) {
                if (nonzero.get(i).asText().equals(b)) {
                    nonzero.remove(i); // consistent with the edit, so only re-enumeration can tell
                }
            }
        });
        refused(merge("--verify"), shards[1], "rescaling_classes");
    }

    @Test
    void aNonzeroClassThatIsNoClassIsRefused() throws IOException {
        edit(1, o -> ((ArrayNode) o.get("nonzero_rescaling_classes")).add("1,1,1,1,1,7"));
        refused(merge(), shards[0], "nonzero_rescaling_classes");
    }

    @Test
    void theSpotCheckIsDeterministic() {
        CliRun a = merge("--spot-checks", "5");
        CliRun b = merge("--spot-checks", "5");
        assertEquals(0, a.code(), a.err());
        assertEquals(a.out() + a.err(), b.out() + b.err());
        assertFalse(a.err().contains("error"), a.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
