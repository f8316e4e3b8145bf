package org.flatcheck.measures;

import org.apache.commons.math3.fraction.BigFraction;
import org.flatcheck.calculus.Dataset;
import org.flatcheck.exact.QMatrix;
import org.flatcheck.exact.QVector;
import org.flatcheck.network.Network;
import org.flatcheck.symmetry.Symmetry;

/**
 * The Hessian in the log chart of positive scaling (Kristiadi, Dangel, Hennig 2023, arXiv 2302.07384, on
 * how the Hessian transforms under reparametrization): write every parameter as {@code θₖ e^{ξₖ}} and take
 * the Hessian of {@code ξ ↦ L(θ ⊙ e^ξ)} at {@code ξ = 0},
 * <pre>  H_log = diag(θ) ∇²L(θ) diag(θ) + diag(θ ∘ ∇L(θ)).</pre>
 * A rescaling {@code θ ↦ Dθ} (D positive diagonal) is a translation {@code ξ ↦ ξ + ln D} of the log chart, so
 * {@code H_log} is the same matrix at every point of an orbit — at every point, not only at critical ones:
 * {@code diag(Dθ) D⁻¹HD⁻¹ diag(Dθ) = diag(θ) H diag(θ)} and {@code Dθ ∘ D⁻¹∇L = θ ∘ ∇L}
 * (proofs/measures.md). Where a parameter is 0 the map {@code ξ ↦ θ ⊙ e^ξ} stays still in that coordinate
 * (its row and column of H_log are 0); the formula still applies.
 */
public final class LogHessianMeasures {
    private LogHessianMeasures() {
    }

    private static final String CITATION = "Kristiadi, Dangel, Hennig 2023 (arXiv 2302.07384), Hessian of "
            + "ξ ↦ L(θ ⊙ e^ξ) at ξ = 0 (log chart of positive scaling)";

    /** {@code H_log = diag(θ) H diag(θ) + diag(θ ∘ g)}, exact. */
    static QMatrix logHessian(Network net, Dataset data) {
        return Local.memo(net, data, "log-hessian", () -> {
            QMatrix h = Local.hessian(net, data);
            BigFraction[] g = Local.model(net, data).gradient().toArray();
            BigFraction[] theta = net.parameters();
            int p = theta.length;
            BigFraction[][] m = new BigFraction[p][p];
            for (int j = 0; j < p; j++) {
                for (int k = 0; k <= j; k++) {
                    BigFraction x = theta[j].multiply(theta[k]).multiply(h.get(j, k));
                    m[j][k] = j == k ? x.add(theta[k].multiply(g[k])) : x;
                    m[k][j] = m[j][k];
                }
            }
            return QMatrix.of(m);
        });
    }

    abstract static class Base implements FlatnessMeasure {
        private final Metadata metadata;

        Base(String id, String formula, Cost cost) {
            metadata = Metadata.of(id, CITATION, formula, cost);
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
                case PERMUTATION -> Verdict.INVARIANT;
            };
        }

        @Override
        public Value compute(Network net, Dataset data, Options options) {
            return Local.kink(net, data).orElseGet(() -> value(net, data));
        }

        abstract Value value(Network net, Dataset data);
    }

    /** {@code tr H_log = Σₖ θₖ² ∂²L/∂θₖ² + Σₖ θₖ ∂L/∂θₖ}, exact. */
    public static final class Trace extends Base {
        public Trace() {
            super("log-hessian-trace", "tr(diag(θ) ∇²L diag(θ) + diag(θ ∘ ∇L)) = Σₖ θₖ² ∂ₖ²L + Σₖ θₖ ∂ₖL",
                    Cost.HESSIAN);
        }

        @Override
        Value value(Network net, Dataset data) {
            QMatrix h = Local.hessian(net, data);
            QVector g = Local.model(net, data).gradient();
            BigFraction[] theta = net.parameters();
            BigFraction t = BigFraction.ZERO;
            for (int k = 0; k < theta.length; k++) {
                t = t.add(theta[k].multiply(theta[k]).multiply(h.get(k, k))).add(theta[k].multiply(g.get(k)));
            }
            return Value.exact(t);
        }
    }

    /** {@code λ_max(H_log)}: an exact algebraic number up to 200 parameters, a certified enclosure above. */
    public static final class LambdaMax extends Base {
        public LambdaMax() {
            super("log-hessian-lambda-max", "λ_max(diag(θ) ∇²L diag(θ) + diag(θ ∘ ∇L))", Cost.SPECTRUM);
        }

        @Override
        Value value(Network net, Dataset data) {
            return Local.lambdaMax(net, data, "log-hessian-spectrum", logHessian(net, data));
        }
    }
}
