package org.flatcheck.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.flatcheck.claims.verify.CertificateVerifier;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.InputError;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.io.StateDict;

/**
 * The reader entry points that take files from strangers, and how the CLI reaches each one. Every
 * property and fuzz test in this package runs over {@link #values()}, so covering a new reader is one
 * constant here: its file suffix, the reader, the command line that reads
 * such a file, and seed files (plus, for Jazzer, one method in {@link ReaderFuzzTest}, which
 * {@code ReaderFuzzTest#everyTargetHasAFuzzTest} enforces).
 */
enum Target {
    NETWORK_LAYERED(".json", NetworkJson::read, f -> args("canon", "--net", f), false,
            "examples/xor.json", "examples/mlp-2-3-1.json", "examples/mlp-2-4-4-1.json"),
    NETWORK_DAG(".json", NetworkJson::read, f -> args("canon", "--net", f), false,
            "examples/skip-dag.json"),
    DATASET_JSON(".json", Datasets::read, f -> args("hessian", "--net", Seeds.PARTNER_NET, "--data", f), false,
            "examples/xor-data.json", "examples/mlp-2-4-4-1-data.json", "examples/skip-dag-data.json"),
    DATASET_CSV(".csv", Datasets::read, f -> args("hessian", "--net", Seeds.PARTNER_NET, "--data", f), false,
            "examples/mlp-2-3-1-data.csv"),
    /** Exit 1 is part of this command's contract: a well-formed certificate stating a false fact. */
    CERTIFICATE(".json", f -> CertificateVerifier.verify(f, org.flatcheck.claims.Claims.specs()), f -> args("verify-certificate", f), true,
            "certificates/dinh-keskar-sharpness.json", "certificates/rangamani-node-rescaling-invariance.json",
            "certificates/dinh-hessian-unbounded.json", "certificates/yi-psi-skeleton-independence.json",
            "certificates/meng-path-values-equivalence.json", "certificates/meng-basis-paths.json",
            "certificates/dinh-volume-flatness.json"),
    /**
     * Shard files of {@code classes --shard i/n}, combined with {@code --merge}; exit 1 (a cross-check
     * disagrees) is legitimate for edited counts.
     */
    CLASSES_SHARD(".json", Target::mergeShard, f -> args("classes", "--merge", f), true,
            // written by 'classes --layers 1,1,1 --grid -1,2 --bias --shard 1/1' and '--layers 1,2,1 --permutations'
            "src/test/resources/org/flatcheck/fuzz/ReaderFuzzTestInputs/classesShard/seed-1-1-1-bias.json",
            "src/test/resources/org/flatcheck/fuzz/ReaderFuzzTestInputs/classesShard/seed-1-2-1-permutations.json"),
    /** PyTorch state dicts: the header, offsets and dtypes of safetensors, then the mapping to layers. */
    SAFETENSORS(".safetensors", Target::importModel, f -> args("import", "--fill-missing-biases", f), false,
            "examples/torch-mlp-2-4-1.safetensors"),
    /** A single NumPy array: one layer's weight. */
    NPY(".npy", Target::importModel, f -> args("import", "--fill-missing-biases", f), false),
    /** NumPy archives ({@code numpy.savez}): a zip of {@code .npy} entries named like a state dict. */
    NPZ(".npz", Target::importModel, f -> args("import", "--fill-missing-biases", f), false);

    /** How a file of this kind ends (readers may choose the format by extension). */
    final String suffix;
    /** The reader: a file in, a value or an {@link InputError} out. */
    final Function<Path, ?> reader;
    /** The command line that reads such a file. */
    final Function<Path, String[]> cli;
    /** Whether exit 1 (a check failed) is a legitimate outcome of {@link #cli}. */
    final boolean checks;
    /** Seed files, relative to the repository root. */
    final List<String> seeds;

    Target(String suffix, Function<Path, ?> reader, Function<Path, String[]> cli, boolean checks, String... seeds) {
        this.suffix = suffix;
        this.reader = reader;
        this.cli = cli;
        this.checks = checks;
        this.seeds = List.of(seeds);
    }

    /**
     * What {@code flatcheck import --fill-missing-biases FILE} reads: the tensors, and the network they map
     * to (layers with and without biases mix, so seeds and mutations reach the mapping more often).
     */
    private static Object importModel(Path file) {
        return StateDict.read(file, "input", Set.of(), null, true);
    }

    /**
     * The shard reader is part of the {@code classes} command, so Jazzer reaches it through the CLI: an
     * internal error (exit 70) is a finding.
     */
    private static Object mergeShard(Path file) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.flatcheck.cli.Main.run(args("classes", "--merge", file),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(err));
        if (code == 70 || code < 0) {
            throw new AssertionError("classes --merge exited " + code + ": " + err);
        }
        return code;
    }

    private static String[] args(Object... parts) {
        String[] out = new String[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = parts[i].toString();
        }
        return out;
    }

    /**
     * The reader-level contract, for Jazzer: the bytes as a file given to the reader either give a value,
     * an {@link InputError}, or a declared resource limit; anything else propagates and is a finding.
     */
    void readBytes(byte[] bytes) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flatcheck-fuzz");
            Path file = dir.resolve("input" + suffix);
            Files.write(file, bytes);
            try {
                reader.apply(file);
            } catch (InputError | CertificateVerifier.TooLarge expected) {
                if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
                    throw new AssertionError("error message must be one line: " + expected.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Files0.deleteTree(dir);
        }
    }
}
