package org.flatcheck.numeric;

import java.util.Random;

/**
 * NUMERIC (double precision): mini-batch SGD for a layered ReLU MLP with biases on the squared loss
 * {@code L(θ) = (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²} (no factor ½), for the batch-size experiment of
 * Keskar et al. 2017 (§2–3). Nothing here is claimed exact: its output is a vector of doubles that the
 * caller converts exactly ({@code io.Float64.exact}) and then measures with exact code.
 *
 * <p>Parameters are one {@code double[]} in {@code Layered}'s (PyTorch {@code named_parameters}) order:
 * {@code W0} row-major ({@code W0[j][i]} from unit i of layer 0 to unit j of layer 1), {@code b0},
 * {@code W1}, {@code b1}, …. Hidden layers apply {@code relu}, the output layer is linear. One step on
 * a batch B is {@code θ ← θ − η ∇L_B(θ)} with {@code L_B = (1/|B|) Σ_{i∈B} ‖f_θ(xᵢ) − yᵢ‖²}, so
 * {@code ∇L_B = (2/|B|) Σ_{i∈B} Σₖ (fₖ(xᵢ) − yᵢₖ) ∇fₖ(xᵢ)} by back-propagation; {@code relu'(0)} is taken
 * as 0. An epoch shuffles the indices (Fisher–Yates with the given {@link Random}) and visits
 * {@code ⌈n/B⌉} consecutive batches (the last one may be smaller).
 *
 * <p>Deterministic: Java's {@code double} arithmetic is IEEE 754 with strict semantics (Java 17,
 * JEP 306), the loops have a fixed order, the only library function is the correctly rounded {@code Math.sqrt}
 * (in {@link #initialise}), and every random
 * draw comes from the caller's seeded {@link Random}; the same inputs give bit-identical outputs on
 * every platform.
 */
public final class SgdTrainer {
    private final int[] sizes;
    private final int params;
    /** {@code offsets[l]}: the index of {@code W_l[0][0]} in θ. */
    private final int[] offsets;

    /** A trainer for the layered MLP with these layer sizes {@code d₀, …, d_L} (biases on every layer). */
    public SgdTrainer(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a layered network needs at least 2 layers");
        }
        this.sizes = sizes.clone();
        int p = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            p += sizes[l + 1] * (sizes[l] + 1);
        }
        this.params = p;
        this.offsets = new int[sizes.length];
        for (int l = 0; l + 1 < sizes.length; l++) {
            offsets[l + 1] = offsets[l] + sizes[l + 1] * (sizes[l] + 1);
        }
    }

    /** Number of parameters P = Σ_l d_{l+1}(d_l + 1). */
    public int parameters() {
        return params;
    }

    /**
     * PyTorch's default {@code nn.Linear} initialisation: every weight and bias of layer l uniform in
     * {@code [−1/√d_l, 1/√d_l]}.
     */
    public double[] initialise(Random rnd) {
        double[] theta = new double[params];
        int k = 0;
        for (int l = 0; l + 1 < sizes.length; l++) {
            double bound = 1 / Math.sqrt(sizes[l]);
            for (int j = 0; j < sizes[l + 1] * (sizes[l] + 1); j++) {
                theta[k++] = (2 * rnd.nextDouble() - 1) * bound;
            }
        }
        return theta;
    }

    /** {@code f_θ(x)}. */
    public double[] output(double[] theta, double[] x) {
        Pass pass = new Pass();
        pass.forward(theta, x);
        return pass.a[sizes.length - 1].clone();
    }

    /** The full-data loss {@code (1/n) Σᵢ ‖f_θ(xᵢ) − yᵢ‖²}. */
    public double loss(double[] theta, double[][] x, double[][] y) {
        Pass pass = new Pass();
        double[] f = pass.a[sizes.length - 1];
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            pass.forward(theta, x[i]);
            for (int k = 0; k < f.length; k++) {
                double r = f[k] - y[i][k];
                s += r * r;
            }
        }
        return s / x.length;
    }

    /** {@code ∇L_B(θ)} for the batch {@code idx[from..to)} (the full-data gradient with all indices). */
    public double[] gradient(double[] theta, double[][] x, double[][] y, int[] idx, int from, int to) {
        double[] g = new double[params];
        new Pass().gradient(theta, x, y, idx, from, to, g);
        return g;
    }

    /**
     * Scratch space for one forward and backward pass: activations {@code a[l]}, pre-activations
     * {@code z[l]} and the back-propagated {@code delta[l]} of every layer, allocated once per call of a
     * public method and reused for every data point (the arithmetic, and its order, is that of the
     * formulas in the class comment; only the allocation is shared).
     */
    private final class Pass {
        final double[][] a = new double[sizes.length][];
        final double[][] z = new double[sizes.length][];
        final double[][] delta = new double[sizes.length][];

        Pass() {
            for (int l = 1; l < sizes.length; l++) {
                a[l] = new double[sizes[l]];
                z[l] = new double[sizes[l]];
                delta[l] = new double[sizes[l]];
            }
        }

        /** Activations of every layer on x into {@code a}, pre-activations into {@code z}. */
        void forward(double[] theta, double[] x) {
            int depth = sizes.length - 1;
            a[0] = x;
            for (int l = 0; l < depth; l++) {
                int in = sizes[l];
                int out = sizes[l + 1];
                int w = offsets[l];
                int bias = w + out * in;
                double[] prev = a[l];
                double[] pre = z[l + 1];
                double[] act = a[l + 1];
                for (int j = 0; j < out; j++) {
                    double s = theta[bias + j];
                    int row = w + j * in;
                    for (int q = 0; q < in; q++) {
                        s += theta[row + q] * prev[q];
                    }
                    pre[j] = s;
                    act[j] = l + 1 < depth ? (s > 0 ? s : 0) : s;
                }
            }
        }

        /** Adds {@code ∇L_B(θ)} for the batch {@code idx[from..to)} into {@code g}. */
        void gradient(double[] theta, double[][] x, double[][] y, int[] idx, int from, int to, double[] g) {
            int depth = sizes.length - 1;
            double scale = 2.0 / (to - from);
            for (int b = from; b < to; b++) {
                int i = idx[b];
                forward(theta, x[i]);
                double[] top = delta[depth];
                for (int k = 0; k < top.length; k++) {
                    top[k] = scale * (a[depth][k] - y[i][k]);
                }
                backward(theta, g);
            }
        }

        /** Back-propagates {@code delta[L]} (∂/∂ output) from the output layer, adding ∂/∂θ into {@code g}. */
        private void backward(double[] theta, double[] g) {
            for (int l = sizes.length - 2; l >= 0; l--) {
                int w = offsets[l];
                int in = sizes[l];
                int out = sizes[l + 1];
                int bias = w + out * in;
                double[] d = delta[l + 1];
                double[] act = a[l];
                double[] prev = l > 0 ? delta[l] : null;
                if (prev != null) {
                    java.util.Arrays.fill(prev, 0);
                }
                for (int j = 0; j < out; j++) {
                    double dj = d[j];
                    if (dj == 0) {
                        continue;
                    }
                    int row = w + j * in;
                    if (prev == null) {
                        for (int q = 0; q < in; q++) {
                            g[row + q] += dj * act[q];
                        }
                    } else {
                        for (int q = 0; q < in; q++) {
                            g[row + q] += dj * act[q];
                            prev[q] += theta[row + q] * dj;
                        }
                    }
                    g[bias + j] += dj;
                }
                if (prev != null) {
                    double[] pre = z[l];
                    for (int q = 0; q < in; q++) {
                        if (!(pre[q] > 0)) {
                            prev[q] = 0;
                        }
                    }
                }
            }
        }
    }

    /** The smallest |pre-activation| of a hidden unit over the inputs: how close θ is to a kink of the loss. */
    public double minAbsPreactivation(double[] theta, double[][] x) {
        double min = Double.POSITIVE_INFINITY;
        Pass pass = new Pass();
        for (double[] xi : x) {
            pass.forward(theta, xi);
            for (int l = 1; l + 1 < sizes.length; l++) {
                for (double v : pass.z[l]) {
                    min = Math.min(min, Math.abs(v));
                }
            }
        }
        return min;
    }

    /** {@code ‖∇L(θ)‖²} on the full data. */
    public double gradientNormSquared(double[] theta, double[][] x, double[][] y) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return normSquared(gradient(theta, x, y, all, 0, all.length));
    }

    private static double normSquared(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return s;
    }

    /**
     * Full-batch gradient descent {@code θ ← θ − η∇L(θ)} from {@code theta0} until {@code ‖∇L‖² ≤ tolerance}
     * (checked every {@code every} steps) or {@code maxSteps} steps: the refinement that carries a trained
     * point along the gradient flow, within its basin, towards a stationary point. The returned run's
     * {@code epochs} is 0 and its {@code steps} the steps taken.
     */
    public Run descend(double[] theta0, double[][] x, double[][] y, double lr, double tolerance, int maxSteps, int every) {
        int[] all = new int[x.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        double[] theta = theta0.clone();
        long steps = 0;
        Pass pass = new Pass();
        double[] g = new double[params];
        while (steps < maxSteps) {
            java.util.Arrays.fill(g, 0);
            pass.gradient(theta, x, y, all, 0, all.length, g);
            if (steps % every == 0 && normSquared(g) <= tolerance) {
                break; // the gradient at θ is the one gradientNormSquared(θ) computes
            }
            for (int k = 0; k < params; k++) {
                theta[k] -= lr * g[k];
            }
            steps++;
        }
        double loss = loss(theta, x, y);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("gradient descent diverged (loss " + loss + "); lower the learning rate");
        }
        return new Run(theta, loss, 0, steps);
    }

    /** One run: its final parameters (a copy is kept and handed out), full-data training loss, epochs and steps taken. */
    public record Run(double[] theta, double loss, int epochs, long steps) {
        public Run {
            theta = theta.clone();
        }

        @Override
        public double[] theta() {
            return theta.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Run r && java.util.Arrays.equals(theta, r.theta) && Double.compare(loss, r.loss) == 0
                    && epochs == r.epochs && steps == r.steps;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(java.util.Arrays.hashCode(theta), loss, epochs, steps);
        }

        @Override
        public String toString() {
            return "Run[theta=" + java.util.Arrays.toString(theta) + ", loss=" + loss + ", epochs=" + epochs + ", steps=" + steps + "]";
        }
    }

    /**
     * Mini-batch SGD from {@code theta0} with batch size {@code batch} and constant learning rate
     * {@code lr}, for {@code epochs} epochs — or fewer: after each epoch the full-data loss is compared
     * with {@code stopBelow} and the run stops as soon as it is {@code ≤ stopBelow} (pass
     * {@code Double.NEGATIVE_INFINITY} for a fixed number of epochs). Shuffles draw from {@code shuffle}.
     *
     * @throws IllegalStateException if the loss stops being finite (the step size diverged)
     */
    public Run train(double[] theta0, double[][] x, double[][] y, int batch, double lr, int epochs, double stopBelow,
            Random shuffle) {
        if (batch < 1 || x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need batch ≥ 1 and n ≥ 1 points with one target each");
        }
        double[] theta = theta0.clone();
        int n = x.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        long steps = 0;
        double loss = loss(theta, x, y);
        int e = 0;
        Pass pass = new Pass();
        double[] g = new double[params];
        while (e < epochs && !(loss <= stopBelow)) {
            for (int i = n - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            for (int from = 0; from < n; from += batch) {
                java.util.Arrays.fill(g, 0);
                pass.gradient(theta, x, y, idx, from, Math.min(n, from + batch), g);
                for (int k = 0; k < params; k++) {
                    theta[k] -= lr * g[k];
                }
                steps++;
            }
            e++;
            loss = loss(theta, x, y);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("SGD diverged (loss " + loss + " after epoch " + e + "); lower the learning rate");
            }
        }
        return new Run(theta, loss, e, steps);
    }
}
