package org.flatcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Jazzer coverage-guided fuzz tests, one per {@link Target}: the bytes become the reader's input file,
 * and the reader must return a value or throw {@link org.flatcheck.io.InputError} (or a declared limit);
 * any other exception, an assertion, a timeout or running out of memory is a finding.
 *
 * <p>In a normal build ({@code mvn verify}) each method runs in regression mode over its seed corpus in
 * {@code src/test/resources/org/flatcheck/fuzz/ReaderFuzzTestInputs/<method>/} (the repository's examples
 * and certificates, and every finding so far). With {@code JAZZER_FUZZ=1} the first selected method fuzzes
 * for {@code maxDuration}; Jazzer fuzzes one method per JVM, so {@code fuzz/run.sh} runs each in turn.
 */
class ReaderFuzzTest {
    /** The fuzzing budget of each target in fuzzing mode; regression mode ignores it. */
    static final String BUDGET = "60s";

    @FuzzTest(maxDuration = BUDGET)
    void networkLayered(byte[] bytes) {
        Target.NETWORK_LAYERED.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void networkDag(byte[] bytes) {
        Target.NETWORK_DAG.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void datasetJson(byte[] bytes) {
        Target.DATASET_JSON.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void datasetCsv(byte[] bytes) {
        Target.DATASET_CSV.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void certificate(byte[] bytes) {
        Target.CERTIFICATE.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void classesShard(byte[] bytes) {
        Target.CLASSES_SHARD.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void safetensors(byte[] bytes) {
        Target.SAFETENSORS.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void npy(byte[] bytes) {
        Target.NPY.readBytes(bytes);
    }

    @FuzzTest(maxDuration = BUDGET)
    void npz(byte[] bytes) {
        Target.NPZ.readBytes(bytes);
    }

    /** A new {@link Target} needs its fuzz method here, named after it in camel case. */
    @Test
    void everyTargetHasAFuzzTest() {
        Set<String> methods = Arrays.stream(ReaderFuzzTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(FuzzTest.class)).map(Method::getName).collect(Collectors.toSet());
        Set<String> targets = Arrays.stream(Target.values()).map(ReaderFuzzTest::methodName).collect(Collectors.toSet());
        assertEquals(targets, methods);
    }

    static String methodName(Target t) {
        StringBuilder sb = new StringBuilder();
        for (String part : t.name().toLowerCase(Locale.ROOT).split("_")) {
            sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }
}
