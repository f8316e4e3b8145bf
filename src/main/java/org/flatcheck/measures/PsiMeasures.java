package org.flatcheck.measures;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.Q;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.exact.Spectrum;
import org.flatcheck.network.Network;
import org.flatcheck.paths.BasisPaths;
import org.flatcheck.paths.Path;
import org.flatcheck.paths.Skeleton;
import org.flatcheck.symmetry.Symmetry;

/**
 * PSI-flatness [Y19], in flatcheck's reading (docs/definitions.md §measures): the Hessian of {@code L̃(v) = L(s(v))} with
 * respect to the basis-path values {@code v}, where {@code s} is a section of {@code θ ↦ v}. With all
 * parameters nonzero, {@code f} depends on θ only through path values, themselves Laurent monomials of
 * {@code v} (docs/definitions.md §paths), so {@code L̃} does not depend on the section. flatcheck's section: one
 * <i>carrier</i> edge per basis path (the path's own edge for a non-skeleton {@code P(e)}, the first
 * skeleton edge of a skeleton path), every other edge fixed to its sign; then
 * {@code log|θ_C| = K log|v|} with the integer {@code K = A_C⁻¹} ({@code A_C}: carriers on basis paths,
 * unit triangular). The chain rule gives
 * <pre>
 *   ∇²_v L̃ = diag(1/v) · M · diag(1/v),
 *   M = Kᵀ [T H T + diag(g∘θ)]_{CC} K − diag(Kᵀ (g∘θ)_C),   T = diag(θ) (signed), g = ∇L,
 * </pre>
 * where {@code T H T} and {@code g∘θ} are the same at θ and at any rescaled θ (docs/definitions.md §symmetries), so they are
 * evaluated at θ itself (proofs/psi-flatness.md). The skeleton rule ({@code skeleton} option) is part
 * of the definition; with an index-tied skeleton a permutation changes the basis, hence the value.
 */
public final class PsiMeasures {
    private PsiMeasures() {
    }

    /** The Hessian of L̃ with respect to the basis-path values, or the reason it has none. */
    record PsiHessian(QMatrix hessian, String undefined) {
    }

    static PsiHessian psiHessian(Network net, Dataset data, String rule) {
        BigFraction[] theta = net.parameters();
        for (int k = 0; k < theta.length; k++) {
            if (Q.isZero(theta[k])) {
                return new PsiHessian(null, "parameter " + net.parameterName(k)
                        + " is 0: basis-path values do not determine the network, so L̃ is not defined");
            }
        }
        BasisPaths basis = BasisPaths.of(net, Skeleton.of(net, rule));
        int b = basis.size();
        int[] carrier = carriers(net, basis);
        BigFraction[][] k = inverseUnitTriangular(net, basis, carrier);
        QMatrix h = Local.hessian(net, data);
        QVector g = Local.model(net, data).gradient();
        BigFraction[] v = basis.values();
        BigFraction[] gt = new BigFraction[b];
        BigFraction[][] inner = new BigFraction[b][b];
        for (int i = 0; i < b; i++) {
            int ci = carrier[i];
            gt[i] = g.get(ci).multiply(theta[ci]);
            for (int j = 0; j < b; j++) {
                int cj = carrier[j];
                inner[i][j] = h.get(ci, cj).multiply(theta[ci]).multiply(theta[cj]);
            }
            inner[i][i] = inner[i][i].add(gt[i]);
        }
        BigFraction[][] m = congruence(k, inner);
        for (int i = 0; i < b; i++) {
            BigFraction s = BigFraction.ZERO;
            for (int c = 0; c < b; c++) {
                s = s.add(k[c][i].multiply(gt[c]));
            }
            m[i][i] = m[i][i].subtract(s);
        }
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                m[i][j] = m[i][j].divide(v[i]).divide(v[j]);
            }
        }
        return new PsiHessian(QMatrix.of(m), null);
    }

    /**
     * flatcheck's section {@code s(v)} for the skeleton rule: per parameter k its sign and the integer
     * exponents {@code E_kb} with {@code s(v)ₖ = signₖ Π_b |v_b|^{E_kb}} (carriers: the row of K;
     * every other edge: all 0, i.e. fixed to its sign). Defined when every parameter is nonzero.
     */
    public static final class Section {
        private final BasisPaths basis;
        private final int[] signs;
        private final int[][] exponents;

        Section(BasisPaths basis, int[] signs, int[][] exponents) {
            this.basis = basis;
            this.signs = signs;
            this.exponents = exponents;
        }

        /** The basis paths {@code v_b}. */
        public BasisPaths basis() {
            return basis;
        }

        /** The number of parameters. */
        public int parameters() {
            return signs.length;
        }

        /** {@code signₖ} of parameter k (−1, 0 or 1). */
        public int sign(int k) {
            return signs[k];
        }

        /** The exponent {@code E_kb} of basis path b in parameter k. */
        public int exponent(int k, int b) {
            return exponents[k][b];
        }
    }

    /** The section used by the PSI measures (see {@link Section}). */
    public static Section section(Network net, String rule) {
        BasisPaths basis = BasisPaths.of(net, Skeleton.of(net, rule));
        int[] carrier = carriers(net, basis);
        BigFraction[][] k = inverseUnitTriangular(net, basis, carrier);
        BigFraction[] theta = net.parameters();
        int[] signs = new int[theta.length];
        int[][] e = new int[theta.length][basis.size()];
        for (int i = 0; i < theta.length; i++) {
            signs[i] = theta[i].getNumerator().signum();
        }
        for (int c = 0; c < carrier.length; c++) {
            for (int b = 0; b < basis.size(); b++) {
                e[carrier[c]][b] = k[c][b].getNumerator().intValueExact();
            }
        }
        return new Section(basis, signs, e);
    }

    /** The carrier edge of each basis path: the first edge along it that belongs to it. */
    private static int[] carriers(Network net, BasisPaths basis) {
        int[] carrier = new int[basis.size()];
        for (int i = 0; i < carrier.length; i++) {
            carrier[i] = -1;
            for (int e : basis.paths().get(i).edges()) {
                if (basis.basisOfEdge(e) == i) {
                    carrier[i] = e;
                    break;
                }
            }
        }
        return carrier;
    }

    /**
     * {@code K = A_C⁻¹} where {@code A_C[p][c] = 1} if carrier c lies on basis path p. Ordered by the
     * topological position of the carriers' heads, {@code A_C} is unit lower triangular (a path meets
     * only carriers upstream of its own), so forward substitution inverts it exactly.
     */
    private static BigFraction[][] inverseUnitTriangular(Network net, BasisPaths basis, int[] carrier) {
        int b = carrier.length;
        int[] rank = new int[net.nodes().size()];
        int[] order = net.topologicalOrderOfNodes();
        for (int i = 0; i < order.length; i++) {
            rank[order[i]] = i;
        }
        Integer[] idx = new Integer[b];
        for (int i = 0; i < b; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Integer.compare(rank[net.edge(carrier[x]).to()], rank[net.edge(carrier[y]).to()]));
        int[] pos = new int[b];
        for (int i = 0; i < b; i++) {
            pos[idx[i]] = i;
        }
        int[][] a = new int[b][b];
        for (int p = 0; p < b; p++) {
            for (int e : basis.paths().get(p).edges()) {
                for (int c = 0; c < b; c++) {
                    if (carrier[c] == e) {
                        a[pos[p]][pos[c]] = 1;
                    }
                }
            }
        }
        long[][] inv = new long[b][b];
        for (int col = 0; col < b; col++) {
            for (int row = 0; row < b; row++) {
                if (a[row][row] != 1) {
                    throw new IllegalStateException("carrier matrix is not unit triangular");
                }
                long s = row == col ? 1 : 0;
                for (int t = 0; t < row; t++) {
                    s -= (long) a[row][t] * inv[t][col];
                }
                for (int t = row + 1; t < b; t++) {
                    if (a[row][t] != 0) {
                        throw new IllegalStateException("carrier matrix is not unit triangular");
                    }
                }
                inv[row][col] = s;
            }
        }
        BigFraction[][] k = new BigFraction[b][b];
        for (int c = 0; c < b; c++) {
            for (int p = 0; p < b; p++) {
                k[c][p] = Q.of(BigInteger.valueOf(inv[pos[c]][pos[p]]));
            }
        }
        return k;
    }

    /** {@code Kᵀ X K}. */
    private static BigFraction[][] congruence(BigFraction[][] k, BigFraction[][] x) {
        int b = k.length;
        BigFraction[][] xk = new BigFraction[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                BigFraction s = BigFraction.ZERO;
                for (int t = 0; t < b; t++) {
                    if (!Q.isZero(k[t][j])) {
                        s = s.add(x[i][t].multiply(k[t][j]));
                    }
                }
                xk[i][j] = s;
            }
        }
        BigFraction[][] out = new BigFraction[b][b];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < b; j++) {
                BigFraction s = BigFraction.ZERO;
                for (int t = 0; t < b; t++) {
                    if (!Q.isZero(k[t][i])) {
                        s = s.add(k[t][i].multiply(xk[t][j]));
                    }
                }
                out[i][j] = s;
            }
        }
        return out;
    }

    abstract static class Base implements FlatnessMeasure {
        private final Metadata metadata;

        Base(String id, String formula, Cost cost) {
            metadata = Metadata.of(id, "Yi et al. 2019 (arXiv 1903.02237), flatcheck's reading (docs/definitions.md §measures)",
                    formula, cost);
        }

        @Override
        public Metadata metadata() {
            return metadata;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.INVARIANT;
                case LAYER_SCALING -> Verdict.INVARIANT;
                case PERMUTATION -> Verdict.NOT_INVARIANT;
            };
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            String rule = options.skeleton();
            return Local.kink(net, data).orElseGet(() -> {
                PsiHessian p = Local.memo(net, data, "psi-" + rule, () -> psiHessian(net, data, rule));
                return p.undefined() != null ? new Value.Undefined(p.undefined()) : value(net, data, p.hessian(), rule);
            });
        }

        abstract Value value(Network net, Dataset data, QMatrix psi, String rule);
    }

    /** {@code tr ∇²_v L̃}. */
    public static final class Trace extends Base {
        public Trace() {
            super("psi-flatness-trace", "tr ∇²_v L(s(v)), v = basis-path values (skeleton option)", Cost.HESSIAN);
        }

        @Override
        Value value(Network net, Dataset data, QMatrix psi, String rule) {
            return Value.exact(psi.trace());
        }
    }

    /** {@code λ_max ∇²_v L̃}. */
    public static final class LambdaMax extends Base {
        public LambdaMax() {
            super("psi-flatness-lambda-max", "λ_max ∇²_v L(s(v)), v = basis-path values (skeleton option)", Cost.CHARPOLY);
        }

        @Override
        Value value(Network net, Dataset data, QMatrix psi, String rule) {
            return Local.lambdaMax(Local.memo(net, data, "psi-spectrum-" + rule, () -> Spectrum.of(psi, Local.WIDTH)));
        }
    }

    /** {@code max_b |v_b| / min_b |v_b|} over the basis paths [Y19's bound term]. */
    public static final class Ratio implements FlatnessMeasure {
        private static final Metadata METADATA = Metadata.of("psi-ratio",
                "Yi et al. 2019 (arXiv 1903.02237), the ratio in their generalisation bound",
                "max_b |v_b| / min_b |v_b| over basis paths (skeleton option)", Cost.CHEAP).withoutData();

        @Override
        public Metadata metadata() {
            return METADATA;
        }

        @Override
        public Verdict verdict(Symmetry s, Options options) {
            return switch (s) {
                case NODE_RESCALING -> Verdict.INVARIANT;
                case LAYER_SCALING -> Verdict.INVARIANT;
                case PERMUTATION -> Verdict.NOT_INVARIANT;
            };
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            BasisPaths basis = BasisPaths.of(net, Skeleton.of(net, options.skeleton()));
            List<Path> paths = basis.paths();
            if (paths.isEmpty()) {
                return new Value.Undefined("no basis paths");
            }
            BigFraction max = null;
            BigFraction min = null;
            for (BigFraction v : basis.values()) {
                BigFraction a = v.abs();
                max = max == null || a.compareTo(max) > 0 ? a : max;
                min = min == null || a.compareTo(min) < 0 ? a : min;
            }
            return Q.isZero(min) ? new Value.Unbounded("a basis path has value 0")
                    : Value.exact(max.divide(min));
        }
    }
}
