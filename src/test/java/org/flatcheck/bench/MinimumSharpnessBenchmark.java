package org.flatcheck.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.io.Datasets;
import org.flatcheck.io.NetworkJson;
import org.flatcheck.measures.Catalog;
import org.flatcheck.measures.FlatnessMeasure;
import org.flatcheck.measures.Options;
import org.flatcheck.measures.Value;
import org.flatcheck.network.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * In-process cost of the minimum-sharpness enclosures once the exact Hessian is known (it is computed in
 * the set-up and cached by the measures): the numerical geometric-program solve, the exact objective at
 * the rounded point and, for the lower end, the exact dual projection and the directed-rounding
 * logarithms. Networks: {@code examples/mlp-2-4-4-1} (8 hidden units, no biases), and the bench networks
 * [2,8,8,1] (16 hidden units) and [4,16,16,1] (32 hidden units), both with biases. Run by
 * {@code BENCH=MinimumSharpnessBenchmark bench/jmh.sh} from the repository root (which sets forks, warm-up and
 * measurement iterations).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MinimumSharpnessBenchmark {
    @Param({"examples/mlp-2-4-4-1", "bench/nets/mlp-2-8-8-1", "bench/nets/mlp-4-16-16-1"})
    public String network;

    @Param({"minimum-sharpness", "minimum-sharpness-layer"})
    public String measure;

    private static final Map<String, String> DATA = Map.of(
            "examples/mlp-2-4-4-1", "examples/mlp-2-4-4-1-data.json",
            "bench/nets/mlp-2-8-8-1", "bench/nets/data-2-16.json",
            "bench/nets/mlp-4-16-16-1", "bench/nets/data-4-256.json");

    private Network net;
    private Dataset data;
    private FlatnessMeasure m;

    @Setup(Level.Trial)
    public void load() {
        Path root = Paths.get(System.getProperty("flatcheck.root", "")).toAbsolutePath();
        net = NetworkJson.read(root.resolve(network + ".json"));
        data = Datasets.read(root.resolve(DATA.get(network)));
        m = Catalog.load().get(measure).orElseThrow();
        if (!(m.compute(net, data, Options.DEFAULTS) instanceof Value.Certified)) {
            throw new IllegalStateException(measure + " is not certified on " + network);
        }
    }

    @Benchmark
    public Value compute() {
        return m.compute(net, data, Options.DEFAULTS);
    }
}
