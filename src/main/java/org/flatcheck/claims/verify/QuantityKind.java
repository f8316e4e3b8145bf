package org.flatcheck.claims.verify;

import java.util.Map;
import java.util.Optional;

/**
 * The kinds of quantity a certificate's checks compare: the value of a quantity's {@code "q"} field
 * (docs/certificates.md §4). The names are the one vocabulary the prover ({@code claims.Quantities})
 * writes and the checker reads; each side computes the values by its own route, so this type holds names
 * only. The checker recomputes each kind by its own code, the kind's {@link QuantityHandler}.
 */
public enum QuantityKind {
    /** {@code constant}: the recorded value itself. */
    CONSTANT("constant"),
    /** {@code loss}: L(θ) on a dataset. */
    LOSS("loss"),
    /** {@code output}: f_θ(x), one entry per output. */
    OUTPUT("output"),
    /** {@code output_d1}: d/dt f_{θ+tu}(x) at t = 0. */
    OUTPUT_D1("output_d1"),
    /** {@code d1}: uᵀ∇L. */
    D1("d1"),
    /** {@code d2}: uᵀ∇²L u. */
    D2("d2"),
    /** {@code rayleigh}: uᵀ∇²L u / uᵀu. */
    RAYLEIGH("rayleigh"),
    /** {@code gradient}: ∇L, one entry per parameter. */
    GRADIENT("gradient"),
    /** {@code gradient_norm_squared}: ‖∇L‖². */
    GRADIENT_NORM_SQUARED("gradient_norm_squared"),
    /** {@code hessian_trace}: Σₖ Hₖₖ. */
    HESSIAN_TRACE("hessian_trace"),
    /** {@code weighted_hessian_trace}: Σₖ wₖHₖₖ. */
    WEIGHTED_HESSIAN_TRACE("weighted_hessian_trace"),
    /** {@code quotient_hessian_trace}: Rangamani et al.'s trace, Σₖ ‖B(k)‖² Hₖₖ. */
    QUOTIENT_HESSIAN_TRACE("quotient_hessian_trace"),
    /** {@code adaptive_trace}: Σₖ θₖ² Hₖₖ. */
    ADAPTIVE_TRACE("adaptive_trace"),
    /** {@code adaptive_d2}: (Tu)ᵀ H (Tu) for T = diag(|θ|). */
    ADAPTIVE_D2("adaptive_d2"),
    /** {@code log_hessian_trace}: Σₖ θₖ² Hₖₖ + Σₖ θₖ ∂ₖL, the trace of the Hessian in the log chart θ ⊙ e^ξ. */
    LOG_HESSIAN_TRACE("log_hessian_trace"),
    /** {@code log_hessian_d2}: (θ∘u)ᵀ H (θ∘u) + Σₖ θₖ ∂ₖL uₖ², the log-chart Hessian's quadratic form. */
    LOG_HESSIAN_D2("log_hessian_d2"),
    /** {@code connectivity_sharpness}: (1/n) Σᵢₖₚ (θ_p ∂fₖ(xᵢ)/∂θ_p)², Kim et al.'s connectivity sharpness. */
    CONNECTIVITY_SHARPNESS("connectivity_sharpness"),
    /** {@code fisher_sharpness}: tr(F⁺C), Jang et al.'s information-geometric sharpness for the squared loss. */
    FISHER_SHARPNESS("fisher_sharpness"),
    /** {@code psi_trace}: Yi et al.'s PSI-flatness trace under a stated section. */
    PSI_TRACE("psi_trace"),
    /** {@code fisher_rao}: Liang et al.'s Fisher–Rao norm. */
    FISHER_RAO("fisher_rao"),
    /** {@code path_value}: the product of the weights along a path. */
    PATH_VALUE("path_value"),
    /** {@code incidence_rank}: the rank of the path–edge incidence matrix. */
    INCIDENCE_RANK("incidence_rank"),
    /** {@code paths_rank}: the rank of the incidence rows of listed paths. */
    PATHS_RANK("paths_rank"),
    /** {@code count}: a number of parameters, weights, hidden nodes or paths ({@link CountKind}). */
    COUNT("count"),
    /** {@code loss_upper_bound_on_box}: an interval bound of L over a box of parameters. */
    LOSS_UPPER_BOUND_ON_BOX("loss_upper_bound_on_box"),
    /** {@code keskar_upper_bound}: the interval bound of Keskar's sharpness ratio over his box. */
    KESKAR_UPPER_BOUND("keskar_upper_bound"),
    /** {@code keskar_ratio}: Keskar's sharpness ratio between a center and a point. */
    KESKAR_RATIO("keskar_ratio"),
    /** {@code box_volume}: Πₖ (hiₖ − loₖ). */
    BOX_VOLUME("box_volume"),
    /** {@code sum}: the sum of scalar quantities. */
    SUM("sum");

    private static final Map<String, QuantityKind> BY_WIRE = WireNames.index(values(), QuantityKind::wire);

    private final String wire;

    QuantityKind(String wire) {
        this.wire = wire;
    }

    /** The name in certificates (the {@code "q"} field), exactly as written. */
    public String wire() {
        return wire;
    }

    /** The kind named {@code wire} in a certificate; empty for any other text (the caller reports it). */
    public static Optional<QuantityKind> fromWire(String wire) {
        return WireNames.find(BY_WIRE, wire);
    }
}
