package org.flatcheck.claims;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Random;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.calculus.LocalModel;
import org.flatcheck.exact.Interval;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.invariance.GroupElement;
import org.flatcheck.network.Layered;
import org.flatcheck.network.Network;
import org.flatcheck.numeric.SgdTrainer;
import org.flatcheck.symmetry.LayerScaling;

/**
 * [K17] §2–4 and [R19] §5, MATH §5.12: "large-batch minima are sharper than small-batch ones", as one
 * seeded numeric reproduction on a small synthetic task — train in {@code double}, convert exactly,
 * measure exactly.
 *
 * <p><b>Task</b> (generated from {@link ClaimContext#random}): n points {@code xᵢ} uniform on
 * {@code [−1, 1]²}, rounded to multiples of 2⁻¹⁰; a teacher 2-4-1 ReLU net with biases, every weight and
 * bias drawn N(0, 1); targets {@code yᵢ = teacher(xᵢ) + 0.05·N(0, 1)} rounded to multiples of 2⁻¹⁶ (the
 * rounding keeps the exact data short; the doubles are the task, and they convert exactly).
 *
 * <p><b>Training</b> (numeric, {@link SgdTrainer}): a 2-16-1 student with biases (P = 65), PyTorch's
 * default initialisation, the <i>same</i> θ₀ for both runs; plain SGD on
 * {@code L = (1/n) Σ ‖f(xᵢ) − yᵢ‖²} with the same constant learning rate η = 0.05 for both runs (no
 * linear scaling of η with the batch). The small-batch run (B = 4) trains a fixed number of epochs E.
 * The large-batch run (full batch, B = n: gradient descent) then trains until its training loss is at
 * most the small-batch run's final loss (compared after each epoch) — comparable training losses, as
 * [K17] compares minimisers — but for at most as many steps as the small-batch run took (the "same
 * number of updates" of Hoffer et al. 2017). Full run: n = 256, E = 300; {@code --quick}: n = 64,
 * E = 100. Keskar's own code (github keskarnitish/large-batch-training) uses ADAM with the same
 * initialisation for both runs, B = 256 versus B = 10% of the data, and a fixed number of epochs.
 *
 * <p><b>Measures</b> (exact): the trained doubles convert exactly ({@code Float64.exact}, bit by bit, is the
 * dyadic value of the double) into {@link Layered} networks SB and LB, the training data into a
 * {@link Dataset}. The claim is decided on the exact Hessian trace {@code tr ∇²L(θ)} [K17 uses an
 * ε-sharpness, [D17]/[R19] the Hessian spectrum; the trace is the exact, checkable second-order
 * summary]: HOLDS iff {@code tr ∇²L(θ_LB) > tr ∇²L(θ_SB)}, else REFUTED (witness resp. counterexample,
 * each trace recomputed by the checker's jets). Recorded besides, whichever way they point: the exact
 * losses, the node-rescaling-invariant adaptive trace {@code tr(T∇²L T)}, T = diag(|θ|) [K21], the
 * layer-scaling-invariant quotient trace {@code tr(D_W∇²L)} [R19], the certified λ_max of both
 * Hessians ({@link Spectrum}, in {@code inputs}: the checker does not recompute eigenvalues), and a
 * layer scaling {@code T_α = (α, 1/α)} of the flatter network (by trace) — the same function — whose
 * trace exceeds the sharper one's ([D17] Thm 3–4: {@code tr ∇²L(T_αθ) = tr H₀/α² + tr H₁·α² + H_b}
 * with H₀ the first layer's block, H₁ the output weights', H_b the output bias's), so the trace ordering
 * is a property of the parametrisation, not of the function.
 *
 * <p>One seeded reproduction, not a proof: another seed or setting may come out the other way
 * ({@code proofs/keskar-large-batch-sharper.md}).
 */
public final class KeskarBatchSize implements Claim {
    static final int[] SIZES = {2, 16, 1};
    static final int[] TEACHER = {2, 4, 1};
    static final double LEARNING_RATE = 0.05;
    static final double NOISE = 0.05;
    static final int SMALL_BATCH = 4;

    @Override
    public String id() {
        return "keskar-large-batch-sharper";
    }

    @Override
    public String source() {
        return "Keskar et al. 2017 (ICLR) §2–4; Rangamani et al. 2019 (arXiv 1902.02434) §5 experiments; MATH §5.12";
    }

    @Override
    public String statement() {
        return "On a seeded synthetic regression task, full-batch training from the same initialisation and learning rate "
                + "ends at a sharper minimum than small-batch SGD (B = 4): decided on the exact Hessian trace, HOLDS iff "
                + "tr ∇²L(large) > tr ∇²L(small). One numeric reproduction (training in double, measures exact), not a proof.";
    }

    /** The sizes of one run: points, epochs of the small-batch run. */
    record Setup(int points, int epochs) {
        static Setup of(boolean quick) {
            return quick ? new Setup(64, 100) : new Setup(256, 300);
        }
    }

    /** The numeric part: the task (doubles), θ₀ and both runs. */
    record Experiment(Setup setup, double[][] x, double[][] y, double[] theta0, SgdTrainer.Run small, SgdTrainer.Run large,
            long shuffleSeed) {
    }

    /** Generates the task and trains both runs (deterministic given the context). */
    Experiment train(ClaimContext context) {
        Setup s = Setup.of(context.quick());
        Random rnd = context.random(id());
        SgdTrainer teacher = new SgdTrainer(TEACHER);
        double[] t = new double[teacher.parameters()];
        for (int k = 0; k < t.length; k++) {
            t[k] = rnd.nextGaussian();
        }
        double[][] x = new double[s.points()][2];
        double[][] y = new double[s.points()][1];
        for (int i = 0; i < s.points(); i++) {
            for (int j = 0; j < 2; j++) {
                x[i][j] = Math.rint((2 * rnd.nextDouble() - 1) * 1024) / 1024;
            }
            y[i][0] = Math.rint((teacher.output(t, x[i])[0] + NOISE * rnd.nextGaussian()) * 65536) / 65536;
        }
        SgdTrainer student = new SgdTrainer(SIZES);
        double[] theta0 = student.initialise(rnd);
        long shuffle = rnd.nextLong();
        SgdTrainer.Run small = student.train(theta0, x, y, SMALL_BATCH, LEARNING_RATE, s.epochs(), Double.NEGATIVE_INFINITY,
                new Random(shuffle));
        // Full batch: one step per epoch, so at most small.steps() epochs.
        SgdTrainer.Run large = student.train(theta0, x, y, s.points(), LEARNING_RATE, Math.toIntExact(small.steps()),
                small.loss(), new Random(shuffle));
        return new Experiment(s, x, y, theta0, small, large, shuffle);
    }

    @Override
    public Certificate run(ClaimContext context) {
        Experiment e = train(context);
        Certificate c = new Certificate(this, context.seed());
        Dataset data = dataset(e.x(), e.y());
        Network sb = network("SB", SIZES, e.small().theta());
        Network lb = network("LB", SIZES, e.large().theta());
        for (Network n : new Network[] {sb, lb}) {
            LocalModel m = LocalModel.of(n, data);
            if (m.kink().isPresent()) {
                throw new IllegalStateException(id() + ": the trained network " + n.name() + " sits on a kink of the data ("
                        + m.kink().get().getMessage() + "); no Hessian there — try another --seed");
            }
        }
        String dn = c.dataset("D", data);
        String sn = c.network("SB", sb);
        String ln = c.network("LB", lb);
        recordInputs(c, e, context);

        // The decision: exact Hessian traces, recomputed by the checker.
        ObjectNode trL = Quantities.hessianTrace(ln, lb, dn, data);
        ObjectNode trS = Quantities.hessianTrace(sn, sb, dn, data);
        boolean holds = Quantities.value(trL).compareTo(Quantities.value(trS)) > 0;
        c.relation(holds ? "witness" : "counterexample", trL, holds ? ">" : "<=", trS,
                "the decision: tr ∇²L(large batch) vs tr ∇²L(small batch)");

        // Side facts, whichever way they point (role instance: they do not decide the claim).
        side(c, Quantities.loss(ln, lb, dn, data), Quantities.loss(sn, sb, dn, data),
                "exact training loss of the converted networks, large vs small (context; not the decision)");
        side(c, Quantities.measure("adaptive_trace", "adaptive-sharpness-trace", ln, lb, dn, data),
                Quantities.measure("adaptive_trace", "adaptive-sharpness-trace", sn, sb, dn, data),
                "adaptive-sharpness-trace tr(T∇²L T), T = diag(|θ|), invariant under node rescaling: large vs small (not the decision)");
        side(c, Quantities.measure("quotient_hessian_trace", "quotient-hessian-trace", ln, lb, dn, data),
                Quantities.measure("quotient_hessian_trace", "quotient-hessian-trace", sn, sb, dn, data),
                "quotient-hessian-trace tr(D_W∇²L), invariant under layer scaling only: large vs small (not the decision)");

        // The trace ordering is not a property of the function: a layer scaling of the flatter network exceeds the other.
        Network flat = holds ? sb : lb;
        Network sharp = holds ? lb : sb;
        BigFraction alpha = flipScale(LocalModel.of(flat, data).hessian(), Quantities.value(holds ? trL : trS));
        GroupElement g = GroupElement.of(LayerScaling.of(alpha, alpha.reciprocal()));
        Network flipped = g.apply(flat).withName("T" + flat.name());
        String fn = c.network(flipped.name(), flipped);
        c.check("instance", Support.groupImage(flat.name(), flat, fn, g));
        ObjectNode trF = Quantities.hessianTrace(fn, flipped, dn, data);
        if (Quantities.value(trF).compareTo(Quantities.value(holds ? trL : trS)) <= 0) {
            throw new IllegalStateException(id() + ": the layer scaling α = " + Q.format(alpha) + " did not raise the trace as computed");
        }
        c.relation("instance", trF, ">", holds ? trL : trS, "T_α(" + flat.name() + ") with α = " + Q.format(alpha)
                + " computes the same function as " + flat.name() + " and is sharper by trace than " + sharp.name()
                + ": the trace ordering depends on the parametrisation [D17 Thm 3–4] (not the decision)");
        summary(c, sb, lb, data);
        c.argument(argument(holds));
        return c;
    }

    /** A relation between two values with the op that holds, role instance. */
    private static void side(Certificate c, ObjectNode lhs, ObjectNode rhs, String note) {
        int s = Quantities.value(lhs).compareTo(Quantities.value(rhs));
        c.relation("instance", lhs, s > 0 ? ">" : s < 0 ? "<" : "==", rhs, note);
    }

    /**
     * The smallest {@code α = 2^k} (k = 1, 2, …) with {@code tr ∇²L(T_αθ) > target}, by the congruence law:
     * {@code tr ∇²L(T_αθ) = tr H₀/α² + tr H₁·α² + H_b}, H₀ the block of the first layer's weights and
     * biases, H₁ of the output weights, H_b the output bias (unscaled). Needs {@code tr H₁ > 0}; else
     * {@code α = 2^−k}, which raises the {@code tr H₀/α²} term.
     */
    static BigFraction flipScale(QMatrix h, BigFraction target) {
        int first = SIZES[1] * (SIZES[0] + 1);
        int outWeights = first + SIZES[1];
        BigFraction h0 = BigFraction.ZERO;
        BigFraction h1 = BigFraction.ZERO;
        BigFraction hb = BigFraction.ZERO;
        for (int k = 0; k < h.rows(); k++) {
            if (k < first) {
                h0 = h0.add(h.get(k, k));
            } else if (k < outWeights) {
                h1 = h1.add(h.get(k, k));
            } else {
                hb = hb.add(h.get(k, k));
            }
        }
        boolean up = h1.compareTo(BigFraction.ZERO) > 0;
        if (!up && h0.compareTo(BigFraction.ZERO) <= 0) {
            throw new IllegalStateException("both layer blocks of the Hessian have trace ≤ 0; no layer scaling raises the trace");
        }
        BigFraction alpha = BigFraction.ONE;
        for (int k = 1; k <= 1000; k++) {
            alpha = up ? alpha.multiply(2) : alpha.divide(2);
            BigFraction a2 = alpha.multiply(alpha);
            BigFraction tr = h0.divide(a2).add(h1.multiply(a2)).add(hb);
            if (tr.compareTo(target) > 0) {
                return alpha;
            }
        }
        throw new IllegalStateException("no α = 2^±k, k ≤ 1000, raises the trace above the target");
    }

    private void recordInputs(Certificate c, Experiment e, ClaimContext context) {
        ObjectNode in = c.inputs();
        Setup s = e.setup();
        in.put("seed", context.seed());
        in.put("quick", context.quick());
        ObjectNode task = in.putObject("task");
        task.put("points", s.points());
        task.put("inputs", "uniform on [−1, 1]², rounded to multiples of 2^-10");
        task.put("teacher", "2-4-1 ReLU with biases, weights and biases N(0, 1)");
        task.put("targets", "teacher(x) + 0.05·N(0, 1), rounded to multiples of 2^-16");
        task.put("generator", "java.util.Random from ClaimContext.random(\"" + id() + "\")");
        in.put("architecture", "2-16-1 ReLU MLP with biases, P = 65");
        in.put("initialisation", "PyTorch nn.Linear default (uniform ±1/√fan_in); the same θ₀ for both runs");
        ObjectNode t = in.putObject("training");
        t.put("numeric", "double precision SGD (org.flatcheck.numeric.SgdTrainer); deterministic given the seed; not exact");
        t.put("loss", "(1/n) Σ ‖f(x) − y‖²");
        t.put("learning_rate", Double.toString(LEARNING_RATE));
        t.put("schedule", "constant, the same for both runs (no linear scaling with the batch size)");
        t.put("small_batch", SMALL_BATCH);
        t.put("large_batch", s.points());
        t.put("small_epochs", e.small().epochs());
        t.put("large_stopping", "until training loss ≤ the small-batch run's final loss (checked per epoch), at most as many steps as the small-batch run");
        t.put("large_epochs", e.large().epochs());
        t.put("small_steps", e.small().steps());
        t.put("large_steps", e.large().steps());
        t.put("large_reached_small_loss", e.large().loss() <= e.small().loss());
        ObjectNode losses = t.putObject("final_training_loss_double");
        losses.put("initial", Double.toString(new SgdTrainer(SIZES).loss(e.theta0(), e.x(), e.y())));
        losses.put("small", Double.toString(e.small().loss()));
        losses.put("large", Double.toString(e.large().loss()));
        in.put("conversion", "Float64.exact (bit by bit): the exact dyadic value of every trained weight, input and target");
        in.put("decision", "exact Hessian trace: HOLDS iff tr ∇²L(LB) > tr ∇²L(SB)");
    }

    /** Decimal summaries of the exact values, and the certified λ_max (recorded for the reader). */
    private static void summary(Certificate c, Network sb, Network lb, Dataset data) {
        ObjectNode out = c.inputs().putObject("summary");
        out.put("note", "decimal approximations (12 significant digits; 15 for the λ_max interval ends) of exact values; the checks hold the exact ones. "
                + "λ_max is certified by flatcheck's exact.Spectrum (exact characteristic polynomial, isolating intervals) and not re-checked by verify-certificate");
        for (Network n : new Network[] {sb, lb}) {
            ObjectNode o = out.putObject(n.name());
            LocalModel m = LocalModel.of(n, data);
            QMatrix h = m.hessian();
            o.put("loss", Q.approx(m.loss(), 12));
            o.put("gradient_norm_squared", Q.approx(m.gradient().normSquared(), 12));
            o.put("hessian_trace", Q.approx(h.trace(), 12));
            o.put("adaptive_sharpness_trace", approx(Support.exactMeasure("adaptive-sharpness-trace", n, data,
                    org.flatcheck.measures.Options.DEFAULTS)));
            o.put("quotient_hessian_trace", approx(Support.exactMeasure("quotient-hessian-trace", n, data,
                    org.flatcheck.measures.Options.DEFAULTS)));
            Interval l = Spectrum.of(h, Spectrum.widthForDigits(12)).lambdaMax();
            o.put("hessian_lambda_max", "[" + Q.approx(l.lo(), 15) + ", " + Q.approx(l.hi(), 15) + "] (certified, width ≤ 1e-12)");
        }
    }

    private static String approx(BigFraction v) {
        return v == null ? "not exact" : Q.approx(v, 12);
    }

    private static String argument(boolean holds) {
        return "Both networks were trained numerically (double SGD, recorded in inputs) and converted exactly; every value "
                + "below is exact and recomputed by the checker. The claim is decided on the exact Hessian trace at the two "
                + "trained points: tr ∇²L(LB) " + (holds ? ">" : "≤") + " tr ∇²L(SB), so it " + (holds ? "HOLDS" : "is REFUTED")
                + " for this seed and setting — one reproduction, not a theorem (proofs/keskar-large-batch-sharper.md). The "
                + "side relations give the exact losses and the invariant measures (adaptive trace: node-rescaling invariant; "
                + "quotient trace: layer-scaling invariant) whichever way they point, and a layer scaling of the flatter network "
                + "— the same function — that is sharper by trace than the other one: the trace ordering is a fact about these "
                + "two parameter vectors, not about the functions they compute [D17].";
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
                    w[l][j][i] = new BigFraction(theta[k++]);
                }
            }
            b[l] = new BigFraction[sizes[l + 1]];
            for (int j = 0; j < sizes[l + 1]; j++) {
                b[l][j] = new BigFraction(theta[k++]);
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
