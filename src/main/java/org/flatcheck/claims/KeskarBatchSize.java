package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.claims.verify.CheckKind;
import org.flatcheck.claims.verify.QuantityKind;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.claims.verify.RelationOp;
import org.flatcheck.exact.Q;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.numeric.SgdTrainer;

/**
 * Keskar et al. 2017 (§2–3): large-batch methods tend to converge to sharper minimizers of the training
 * function than small-batch methods — an empirical tendency, tested as one: many seeded runs on two
 * tasks, exact measures at the end points, and an exact paired sign test per measure ({@link SignTest}).
 *
 * <p><b>Runs.</b> For each task ({@link KeskarTasks}: a synthetic 2-D regression and Fisher's Iris) and
 * each seed s = 1…N (default 30, {@code --seeds}; quick 10): the student's θ₀ is PyTorch's default
 * initialisation from a generator seeded by (claim seed, task, s); the small-batch run is SGD with the
 * task's batch (4 or 10) and constant η for E epochs; the large-batch run is full-batch gradient descent
 * from the same θ₀ with the same η until its training loss is at most the small-batch run's (checked per
 * epoch), for at most as many steps. Both end points are then carried to a stationary point by the same
 * deterministic full-batch gradient descent ({@link SgdTrainer#descend}, at a fifth of the task's rate, until
 * ‖∇L‖² ≤ 0.9 × the task's stationarity threshold, in double);
 * training is numeric, in double, and recorded, not certified. The polished parameters convert exactly
 * (each double is a dyadic rational) into the networks the certificate holds.
 *
 * <p><b>Measures</b> (exact, recomputed by the checker): the Hessian trace {@code tr ∇²L} — the
 * second-order summary standing in for Keskar's ε-sharpness (their Metric 2.1, a maximum over a box) —
 * and two measures that do not change under node rescaling of the same function: the adaptive trace
 * {@code Σ θₖ² ∂²L/∂θₖ²} (Kwon et al. 2021) and the PSI-flatness trace in basis-path values (Yi et al.
 * 2019, diagonal skeleton). A run counts only if both end points are stationary to the stated threshold
 * (exact ‖∇L‖² ≤ 10⁻¹², checked) and off every kink; the PSI pair also needs every parameter nonzero.
 *
 * <p><b>Verdict</b> per measure, from the one-sided sign tests at level 0.05 over all counted runs of both
 * tasks (and per task, reported): SUPPORTED, NOT_SUPPORTED or INCONCLUSIVE. The claim's verdict is the
 * Hessian trace's — the measure the sharpness literature uses; the invariant measures may disagree, and
 * that disagreement is itself a result: an ordering that a rescaling of hidden units (the same function)
 * can change is a statement about parameters, not functions (Dinh et al. 2017).
 */
public final class KeskarBatchSize implements Claim {
    /** The refinement's target in double, a little below the task's threshold so that rounding cannot cross it. */
    static final double REFINE_MARGIN = 0.9;
    /** The refinement's step: a fifth of the training rate (gradient descent at the training rate can oscillate). */
    static final double REFINE_RATE_FRACTION = 0.2;
    static final int REFINE_STEPS = 20_000;
    /** The measures tested, as quantities; the first decides the claim. */
    static final List<QuantityKind> MEASURES = List.of(QuantityKind.HESSIAN_TRACE, QuantityKind.ADAPTIVE_TRACE,
            QuantityKind.PSI_TRACE);

    @Override
    public String id() {
        return "keskar-large-batch-sharper";
    }

    @Override
    public ClaimKind kind() {
        return ClaimKind.EMPIRICAL;
    }

    @Override
    public String source() {
        return "Keskar et al. 2017 (ICLR, arXiv 1609.04836), §2–3 (six network configurations); sharpness Metric 2.1";
    }

    @Override
    public String paperStatement() {
        return "Keskar et al. 2017 report, from experiments on six network/dataset configurations, that large-batch "
                + "methods tend to converge to sharp minimizers of the training function and small-batch methods to flat "
                + "ones, sharpness measured by their ε-sharpness (Metric 2.1): a tendency, not a theorem.";
    }

    @Override
    public String statement() {
        return "Over N seeded runs on each of two tasks (a synthetic regression with a 2-8-1 ReLU MLP, Fisher's Iris with a "
                + "4-6-3 ReLU MLP; N = 30 by default), full-batch training ends at a stationary point with a larger exact "
                + "Hessian trace than small-batch SGD from the same initialisation, more often than chance: one-sided "
                + "paired sign test at level 0.05 (SUPPORTED, NOT_SUPPORTED or INCONCLUSIVE). The trace stands in for "
                + "Keskar's ε-sharpness; the node-rescaling-invariant adaptive and PSI traces are tested the same way "
                + "and reported. Training is numeric (double); the measures and the test are exact.";
    }

    /** One seeded run of one task: the exact networks at both polished end points, and what training recorded. */
    record Run(KeskarTasks.Task task, int seed, Network small, Network large, ObjectNode record) {
    }

    @Override
    public Certificate run(ClaimContext context) {
        Certificate c = new Certificate(this, context.seed());
        List<KeskarTasks.Task> tasks = tasks(context);
        int seeds = context.seeds();
        Map<QuantityKind, List<ObjectNode[]>> pairs = new LinkedHashMap<>();
        MEASURES.forEach(m -> pairs.put(m, new ArrayList<>()));
        ArrayNode runs = c.inputs().putArray("runs");
        List<Run> trained = trainAll(tasks, seeds, context);
        for (int t = 0; t < tasks.size(); t++) {
            KeskarTasks.Task task = tasks.get(t);
            Dataset data = KeskarBatchSize.dataset(task.x(), task.y());
            String dn = c.dataset(task.name(), data);
            for (int s = 1; s <= seeds; s++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("stopped");
                }
                Run run = trained.get(t * seeds + s - 1);
                runs.add(run.record());
                if (!usable(run, data, run.record())) {
                    continue;
                }
                String sn = c.network(run.small().name(), run.small());
                String ln = c.network(run.large().name(), run.large());
                for (String[] end : new String[][] {{sn, "small"}, {ln, "large"}}) {
                    Network n = end[0].equals(sn) ? run.small() : run.large();
                    c.relation("instance", Quantities.gradientNormSquared(end[0], n, dn, data), RelationOp.LE,
                            Quantities.constant(task.stationary()), task.name() + " seed " + s + ": the " + end[1]
                            + "-batch end point is stationary (exact ‖∇L‖²)");
                }
                for (QuantityKind m : MEASURES) {
                    ObjectNode qs = measure(m, sn, run.small(), dn, data);
                    ObjectNode ql = measure(m, ln, run.large(), dn, data);
                    if (qs != null && ql != null) {
                        ObjectNode[] pair = {ql, qs, label(task.name(), s)};
                        pairs.get(m).add(pair);
                    }
                }
            }
        }
        ObjectNode statistics = JsonNodeFactory.instance.objectNode();
        ObjectNode verdicts = JsonNodeFactory.instance.objectNode();
        for (QuantityKind m : MEASURES) {
            ObjectNode check = signTest(m, pairs.get(m));
            c.check("instance", check);
            verdicts.put(m.wire(), check.get("result").get("verdict").asText());
            if (m.equals(MEASURES.get(0))) {
                statistics.put("measure", m.wire());
                statistics.setAll((ObjectNode) check.get("result").deepCopy());
            }
        }
        statistics.set("verdicts", verdicts);
        recordInputs(c, tasks, context);
        c.argument("Every run's two end points are exact networks on exact data; the checker recomputes each end point's "
                + "‖∇L‖² (stationarity) and each measure, then the differences large − small, their signs, the exact binomial "
                + "tails P(K ≥ k) and P(K ≤ k), the verdicts at level 1/20, the median difference with its order-statistic "
                + "interval, and the effect sizes. The claim's verdict is the Hessian trace's; a tendency over seeded runs, "
                + "not a theorem (proofs/keskar-large-batch-sharper.md).");
        c.empirical(statistics.get("verdict").asText(), statistics);
        return c;
    }

    /** The two tasks, generated from the context's seed. */
    List<KeskarTasks.Task> tasks(ClaimContext context) {
        return List.of(KeskarTasks.synthetic(context.random(id() + "/synthetic-task"), context.quick()),
                KeskarTasks.iris(context.random(id() + "/iris-task"), context.quick()));
    }

    /**
     * Every task's runs for seeds 1…{@code seeds}, in that order ({@code tasks × seeds}). Each run is a pure
     * function of (claim seed, task, s) — its own seeded generators, its own trainer — so the runs are trained
     * in parallel and collected by index: the list, and so the certificate, does not depend on the schedule.
     */
    private List<Run> trainAll(List<KeskarTasks.Task> tasks, int seeds, ClaimContext context) {
        Thread caller = Thread.currentThread();
        return java.util.stream.IntStream.range(0, tasks.size() * seeds).parallel().mapToObj(i -> {
            if (caller.isInterrupted()) {
                // Stopped (prove --timeout): end promptly, nothing of this run is kept.
                throw new java.util.concurrent.CancellationException("stopped");
            }
            return train(tasks.get(i / seeds), i % seeds + 1, context);
        }).toList();
    }

    /** Trains both runs of {@code task} for seed {@code s} and refines both end points. */
    Run train(KeskarTasks.Task task, int s, ClaimContext context) {
        Random rnd = context.random(id() + "/" + task.name() + "/" + s);
        SgdTrainer student = new SgdTrainer(task.sizes());
        double[] theta0 = student.initialise(rnd);
        long shuffle = rnd.nextLong();
        SgdTrainer.Run small = student.train(theta0, task.x(), task.y(), task.smallBatch(), task.learningRate(), task.epochs(),
                Double.NEGATIVE_INFINITY, new Random(shuffle));
        SgdTrainer.Run large = student.train(theta0, task.x(), task.y(), task.x().length, task.learningRate(),
                Math.toIntExact(small.steps()), small.loss(), new Random(shuffle));
        double rate = task.learningRate() * REFINE_RATE_FRACTION;
        double tolerance = REFINE_MARGIN * task.stationary().doubleValue();
        SgdTrainer.Run ps = student.descend(small.theta(), task.x(), task.y(), rate, tolerance, REFINE_STEPS, 100);
        SgdTrainer.Run pl = student.descend(large.theta(), task.x(), task.y(), rate, tolerance, REFINE_STEPS, 100);
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("task", task.name());
        r.put("seed", s);
        r.set("small", end(small, ps, student, task));
        r.set("large", end(large, pl, student, task));
        String base = task.name() + "-" + s;
        return new Run(task, s, network(base + "-SB", task.sizes(), ps.theta()), network(base + "-LB", task.sizes(), pl.theta()), r);
    }

    /** What one run's training and refinement did, in double (recorded; not certified). */
    private static ObjectNode end(SgdTrainer.Run t, SgdTrainer.Run p, SgdTrainer net, KeskarTasks.Task task) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("epochs", t.epochs());
        o.put("steps", t.steps());
        o.put("trained_loss", Double.toString(t.loss()));
        o.put("trained_gradient_norm_squared", Double.toString(net.gradientNormSquared(t.theta(), task.x(), task.y())));
        o.put("refine_steps", p.steps());
        o.put("refined_loss", Double.toString(p.loss()));
        o.put("refined_gradient_norm_squared", Double.toString(net.gradientNormSquared(p.theta(), task.x(), task.y())));
        double moved = 0;
        double norm = 0;
        for (int k = 0; k < p.theta().length; k++) {
            moved += (p.theta()[k] - t.theta()[k]) * (p.theta()[k] - t.theta()[k]);
            norm += t.theta()[k] * t.theta()[k];
        }
        o.put("refine_relative_move", Double.toString(Math.sqrt(moved / norm)));
        o.put("min_abs_preactivation", Double.toString(net.minAbsPreactivation(p.theta(), task.x())));
        return o;
    }

    /** Whether a run counts: both end points off every kink and stationary to {@link #STATIONARY}, exactly. */
    static boolean usable(Run run, Dataset data, ObjectNode record) {
        for (Network n : new Network[] {run.small(), run.large()}) {
            LocalModel m = LocalModel.of(n, data);
            if (m.kink().isPresent()) {
                record.put("excluded", n.name() + " sits on a kink of the data");
                return false;
            }
            BigFraction g2 = m.gradient().normSquared();
            if (g2.compareTo(run.task().stationary()) > 0) {
                record.put("excluded", n.name() + " is not stationary: exact ‖∇L‖² ≈ " + Q.approx(g2, 6) + " > 10^-"
                        + run.task().stationaryExponent());
                return false;
            }
        }
        return true;
    }

    private static ObjectNode measure(QuantityKind m, String name, Network net, String dn, Dataset data) {
        return switch (m) {
            case HESSIAN_TRACE -> Quantities.hessianTrace(name, net, dn, data);
            case ADAPTIVE_TRACE -> Quantities.measure(m, "adaptive-sharpness-trace", name, net, dn, data);
            case PSI_TRACE -> Quantities.psiTrace(name, net, dn, data, "diagonal");
            default -> throw new IllegalArgumentException(m.wire() + " is not a measure of this claim");
        };
    }

    private static ObjectNode label(String task, int seed) {
        return JsonNodeFactory.instance.objectNode().put("task", task).put("seed", seed);
    }

    /** The sign_test check of one measure: the pairs (recomputed by the checker) and the exact statistics. */
    static ObjectNode signTest(QuantityKind measure, List<ObjectNode[]> pairs) {
        ObjectNode check = JsonNodeFactory.instance.objectNode();
        check.put("check", CheckKind.SIGN_TEST.wire());
        check.put("measure", measure.wire());
        check.put("alternative", "large > small");
        check.put("level", Q.format(SignTest.LEVEL));
        ArrayNode ps = check.putArray("pairs");
        Map<String, List<BigFraction>[]> byTask = new LinkedHashMap<>();
        List<BigFraction> large = new ArrayList<>();
        List<BigFraction> small = new ArrayList<>();
        for (ObjectNode[] p : pairs) {
            ObjectNode o = ps.addObject();
            o.setAll(p[2]);
            o.set("large", p[0]);
            o.set("small", p[1]);
            large.add(Quantities.value(p[0]));
            small.add(Quantities.value(p[1]));
            @SuppressWarnings("unchecked")
            List<BigFraction>[] t = byTask.computeIfAbsent(p[2].get("task").asText(), k -> new List[] {new ArrayList<>(), new ArrayList<>()});
            t[0].add(Quantities.value(p[0]));
            t[1].add(Quantities.value(p[1]));
        }
        ObjectNode result = json(SignTest.of(large, small), true);
        ObjectNode tasks = result.putObject("by_task");
        byTask.forEach((task, v) -> tasks.set(task, json(SignTest.of(v[0], v[1]), false)));
        check.set("result", result);
        return check;
    }

    /** The pinned statistics keys: seeds (pairs with a nonzero difference), large_sharper, p_value, …. */
    static ObjectNode json(SignTest t, boolean full) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("runs", t.runs());
        o.put("ties", t.ties());
        o.put("seeds", t.n());
        o.put("large_sharper", t.larger());
        o.put("p_value", Q.format(t.pLarger()));
        o.put("p_value_large_flatter", Q.format(t.pSmaller()));
        o.put("verdict", t.verdict());
        if (full) {
            o.put("median_difference", Q.format(t.median()));
            if (t.ciLo() == null) {
                o.putNull("median_ci");
            } else {
                ObjectNode ci = o.putObject("median_ci");
                ci.put("lo", Q.format(t.ciLo()));
                ci.put("hi", Q.format(t.ciHi()));
                ci.put("coverage", Q.format(t.ciCoverage()));
            }
            ObjectNode e = o.putObject("effect_size");
            if (t.medianRelative() == null) {
                e.putNull("median_relative_difference");
            } else {
                e.put("median_relative_difference", Q.format(t.medianRelative()));
            }
            e.put("sign_effect", Q.format(t.signEffect()));
        }
        return o;
    }

    private void recordInputs(Certificate c, List<KeskarTasks.Task> tasks, ClaimContext context) {
        ObjectNode in = c.inputs();
        in.put("seed", context.seed());
        in.put("seeds", context.seeds());
        in.put("quick", context.quick());
        ArrayNode ts = in.putArray("tasks");
        for (KeskarTasks.Task t : tasks) {
            ObjectNode o = ts.addObject();
            o.put("name", t.name());
            o.put("data", t.description());
            o.put("architecture", String.join("-", java.util.Arrays.stream(t.sizes()).mapToObj(Integer::toString).toList())
                    + " ReLU MLP with biases, P = " + t.parameters());
            o.put("small_batch", t.smallBatch());
            o.put("large_batch", t.x().length);
            o.put("learning_rate", Double.toString(t.learningRate()));
            o.put("small_epochs", t.epochs());
            o.put("stationary", "exact ‖∇L‖² ≤ 10^-" + t.stationaryExponent() + ": " + t.stationaryReason());
        }
        ObjectNode tr = in.putObject("training");
        tr.put("numeric", "double precision (org.flatcheck.numeric.SgdTrainer); deterministic given the seed; not exact");
        tr.put("initialisation", "PyTorch nn.Linear default (uniform ±1/√fan_in); the same θ₀ for both runs of a seed");
        tr.put("small", "SGD with the task's small batch, constant learning rate, the task's epochs");
        tr.put("large", "full-batch gradient descent, the same learning rate, until the training loss ≤ the small-batch run's "
                + "(checked per epoch), at most as many steps as the small-batch run");
        tr.put("refinement", "full-batch gradient descent with a fifth of the learning rate from each end point until "
                + "‖∇L‖² ≤ 0.9 × the task's threshold in double (checked every 100 steps), at most " + REFINE_STEPS
                + " steps; the same for both runs");
        tr.put("stationarity", "a run counts if both end points have exact ‖∇L‖² ≤ the task's threshold (checked) and no kink");
        in.put("conversion", "Float64.exact (bit by bit): the exact dyadic value of every trained parameter and datum");
    }

    /** The layered network with these sizes and parameters ({@link Layered}'s order), each double converted exactly. */
    public static Network network(String name, int[] sizes, double[] theta) {
        int depth = sizes.length - 1;
        BigFraction[][][] w = new BigFraction[depth][][];
        BigFraction[][] b = new BigFraction[depth][];
        int k = 0;
        for (int l = 0; l < depth; l++) {
            w[l] = new BigFraction[sizes[l + 1]][sizes[l]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                for (int i = 0; i < sizes[l]; i++) {
                    w[l][j][i] = org.flatcheck.io.Float64.exact(theta[k++]);
                }
            }
            b[l] = new BigFraction[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                b[l][j] = org.flatcheck.io.Float64.exact(theta[k++]);
            }
        }
        if (k != theta.length) {
            throw new IllegalArgumentException(theta.length + " parameters for sizes needing " + k);
        }
        return Layered.of(name, sizes, w, b);
    }

    /** The training data, each double converted exactly. */
    public static Dataset dataset(double[][] x, double[][] y) {
        BigFraction[][] xs = new BigFraction[x.length][];
        BigFraction[][] ys = new BigFraction[y.length][];
        for (int i = 0; i < x.length; i++) {
            xs[i] = exact(x[i]);
            ys[i] = exact(y[i]);
        }
        return Dataset.of(xs, ys);
    }

    private static BigFraction[] exact(double[] v) {
        BigFraction[] out = new BigFraction[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = org.flatcheck.io.Float64.exact(v[i]);
        }
        return out;
    }
}
