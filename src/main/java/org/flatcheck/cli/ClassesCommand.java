package org.flatcheck.cli;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.error.LimitExceeded;
import org.flatcheck.exact.Q;
import org.flatcheck.io.ClassShards;
import org.flatcheck.io.ClassShards.Enumeration;
import org.flatcheck.report.ClassesReport;
import org.flatcheck.symmetry.ClassCount;
import org.flatcheck.symmetry.ClassEnumerator;
import org.flatcheck.symmetry.ClassEnumerator.Tally;
import org.flatcheck.symmetry.ShardMerge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flatcheck classes}: enumerate a weight grid and count equivalence classes ({@link ClassEnumerator}), with
 * the cross-checks of {@link ClassCount}; shards are written and read by {@link ClassShards} and merged by
 * {@link ShardMerge}.
 */
@Command(name = "classes", mixinStandardHelpOptions = true,
        description = {"Enumerate every layered network with parameters from a grid, group them into classes "
            + "under node rescaling (with --permutations also hidden-unit permutations), and print the number of "
            + "classes and the histogram of class sizes. Cross-checks: on all-nonzero networks, classes ⇔ distinct "
            + "(sign pattern, path values) [M19]; with --permutations, Burnside's count. Exit 1 if a check fails. "
            + "Large runs split with --shard i/n -o part-i.json and combine with --merge part-*.json."})
final class ClassesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--layers", split = ",", paramLabel = "D0,D1,…", description = "Layer sizes, e.g. 2,2,1.")
    int[] layers;

    @Option(names = "--grid", paramLabel = "V1,V2,…", description = "Parameter values, e.g. \"-1,0,1,2\" (rationals).")
    String grid;

    @Option(names = "--bias", description = "Networks with biases (also drawn from the grid).")
    boolean bias;

    @Option(names = "--permutations", description = "Also identify networks that differ by permuting hidden units.")
    boolean permutations;

    @Option(names = "--shard", paramLabel = "I/N", description = "Only networks k with k mod N = I − 1 (I = 1..N); writes mergeable JSON.")
    String shard;

    @Option(names = "--merge", arity = "1..*", paramLabel = "FILE", description = "Combine shard files (all N shards, once each).")
    List<Path> merge;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the JSON here (atomically).")
    Path out;

    @Option(names = "--max-networks", defaultValue = "100000000", paramLabel = "N",
            description = "Refuse (exit 4) grids with more than N networks per shard (default ${DEFAULT-VALUE}).")
    long maxNetworks;

    @Option(names = "--max-burnside", defaultValue = "10000000", paramLabel = "N",
            description = "With --permutations, refuse (exit 4) the Burnside cross-check when |G| × rescaling classes "
                    + "exceeds N, |G| being the number of hidden-unit permutations (default ${DEFAULT-VALUE}).")
    long maxBurnside;

    @Option(names = "--spot-checks", defaultValue = "64", paramLabel = "N",
            description = "With --merge, re-enumerate N networks of each shard, a sample fixed by the shard's content "
                + "(no clock, no randomness), and check that they are in the classes it states (default ${DEFAULT-VALUE}).")
    int spotChecks;

    @Option(names = "--verify", description = "With --merge, re-enumerate every network of every shard and require "
            + "exactly the stated counts (as costly as the enumeration itself).")
    boolean verify;

    @Mixin
    JsonFormat format;

    @Override
    public Integer call() {
        if (merge != null) {
            if (spotChecks < 0) {
                throw new ParameterException(spec.commandLine(), "--spot-checks must be non-negative, got " + spotChecks);
            }
            ShardMerge.Merged m = new ShardMerge(spotChecks, verify, maxNetworks).merge(merge);
            return report(m.enumeration(), m.tally(), merge.get(0));
        }
        if (layers == null || grid == null) {
            throw new ParameterException(spec.commandLine(), "--layers and --grid are required (or --merge FILE…)");
        }
        long p = ClassEnumerator.parameterCount(layers, bias);
        if (p > ClassEnumerator.MAX_PARAMETERS) {
            throw new LimitExceeded("--layers give networks of " + p + " parameters, above the " + ClassEnumerator.MAX_PARAMETERS
                    + " an enumeration can have; use smaller layers");
        }
        Enumeration config = new Enumeration(layers, parseGrid(), bias, permutations);
        int[] sh = parseShard();
        ClassEnumerator en = ShardMerge.enumerator(config);
        if (permutations) {
            ClassCount.checkBurnside(en, BigInteger.ONE, maxBurnside);
        }
        BigInteger perShard = en.networks().add(BigInteger.valueOf(sh[1] - 1)).divide(BigInteger.valueOf(sh[1]));
        if (perShard.compareTo(BigInteger.valueOf(maxNetworks)) > 0) {
            throw new LimitExceeded(en.networks() + " networks (" + perShard + " per shard) exceed --max-networks "
                    + maxNetworks + "; use --shard i/n to split the work, or raise the limit");
        }
        Progress progress = Progress.of(spec, "classes", perShard.longValueExact());
        Tally tally = en.enumerate(sh[0] - 1, sh[1], progress::update);
        progress.done();
        if (shard == null) {
            return report(config, tally, null);
        }
        NetworkArgs.emit(spec.commandLine().getOut(), out, ClassShards.toJson(new ClassShards.Shard(config, sh[0], sh[1],
                tally.networks, tally.rescalingClasses, tally.classes, tally.nonzeroPathKeys, tally.nonzeroRescalingClasses)));
        spec.commandLine().getErr().println("shard " + shard + ": " + tally.networks + " networks; merge all "
                + sh[1] + " shards with --merge");
        return ExitCode.OK;
    }

    private BigFraction[] parseGrid() {
        Set<BigFraction> values = new LinkedHashSet<>();
        for (String part : grid.split(",")) {
            try {
                if (!values.add(Q.parse(part))) {
                    throw new ParameterException(spec.commandLine(), "--grid: " + part.strip() + " is listed twice");
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--grid: " + e.getMessage()
                        + "; give comma-separated rationals such as \"-1,0,1/2,2\"");
            }
        }
        if (layers.length < 2 || Arrays.stream(layers).anyMatch(d -> d < 1)) {
            throw new ParameterException(spec.commandLine(), "--layers: give at least two positive sizes, e.g. 2,2,1");
        }
        return values.toArray(new BigFraction[0]);
    }

    private int[] parseShard() {
        if (shard == null) {
            return new int[] {1, 1};
        }
        String[] p = shard.split("/");
        try {
            int i = Integer.parseInt(p[0].strip());
            int n = Integer.parseInt(p[1].strip());
            if (p.length == 2 && n >= 1 && i >= 1 && i <= n) {
                return new int[] {i, n};
            }
        } catch (RuntimeException e) {
            // fall through to the message
        }
        throw new ParameterException(spec.commandLine(), "--shard " + shard + ": expected I/N with 1 ≤ I ≤ N, e.g. 1/4");
    }

    /** Counts the classes with their cross-checks and prints them (also to {@code -o}); exit 1 if a check disagrees. */
    private int report(Enumeration config, Tally tally, Path mergedFrom) {
        ClassCount count = ClassCount.of(ShardMerge.enumerator(config), config.permutations(), tally, maxBurnside, mergedFrom);
        boolean json = format.format() == OutputFormat.JSON;
        String text = json ? Json.pretty(ClassesReport.json(config, count)) : ClassesReport.text(config, count);
        NetworkArgs.emit(spec.commandLine().getOut(), out, text);
        if (out != null && !json) {
            spec.commandLine().getOut().print(text);
            spec.commandLine().getOut().flush();
        }
        return count.agree() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
}
