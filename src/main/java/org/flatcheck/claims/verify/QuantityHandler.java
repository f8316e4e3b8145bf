package org.flatcheck.claims.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.fraction.BigFraction;

/**
 * How the checker recomputes one kind of quantity (docs/certificates.md §4) from the certificate's own
 * networks and data: one value, or one per entry for a vector. The handlers are methods of the families
 * {@link LossQuantities}, {@link TraceQuantities}, {@link PathQuantities}, {@link BoxQuantities}, {@link FisherQuantities} and
 * {@link Recomputation} (constants and sums); {@link #of} and {@link #work} are exhaustive over
 * {@link QuantityKind}, so a new kind does not compile until it has both a handler and a cost class.
 */
@FunctionalInterface
interface QuantityHandler {
    /** The quantity {@code q} (at {@code path}, for messages), recomputed, before its {@code factor}. */
    BigFraction[] compute(Recomputation r, JsonNode q, String path);

    /** The checker's handler of {@code kind}. */
    static QuantityHandler of(QuantityKind kind) {
        return switch (kind) {
            case CONSTANT -> Recomputation::constant;
            case LOSS -> LossQuantities::loss;
            case OUTPUT -> LossQuantities::output;
            case OUTPUT_D1 -> LossQuantities::outputD1;
            case D1 -> LossQuantities::d1;
            case D2 -> LossQuantities::d2;
            case RAYLEIGH -> LossQuantities::rayleigh;
            case ADAPTIVE_D2 -> LossQuantities::adaptiveD2;
            case FISHER_RAO -> LossQuantities::fisherRao;
            case KESKAR_RATIO -> LossQuantities::keskarRatio;
            case GRADIENT -> Recomputation::gradient;
            case GRADIENT_NORM_SQUARED -> TraceQuantities::gradientNormSquared;
            case HESSIAN_TRACE -> TraceQuantities::hessianTrace;
            case WEIGHTED_HESSIAN_TRACE -> TraceQuantities::weightedHessianTrace;
            case QUOTIENT_HESSIAN_TRACE -> TraceQuantities::quotientHessianTrace;
            case ADAPTIVE_TRACE -> TraceQuantities::adaptiveTrace;
            case LOG_HESSIAN_TRACE -> TraceQuantities::logHessianTrace;
            case LOG_HESSIAN_D2 -> LossQuantities::logHessianD2;
            case CONNECTIVITY_SHARPNESS -> LossQuantities::connectivitySharpness;
            case FISHER_SHARPNESS -> FisherQuantities::fisherSharpness;
            case PSI_TRACE -> PathQuantities::psiTrace;
            case PATH_VALUE -> PathQuantities::pathValue;
            case INCIDENCE_RANK -> PathQuantities::incidenceRank;
            case PATHS_RANK -> PathQuantities::pathsRank;
            case COUNT -> PathQuantities::count;
            case LOSS_UPPER_BOUND_ON_BOX -> BoxQuantities::lossUpperBoundOnBox;
            case KESKAR_UPPER_BOUND -> BoxQuantities::keskarUpperBound;
            case BOX_VOLUME -> BoxQuantities::boxVolume;
            case SUM -> Recomputation::sum;
        };
    }

    /** What recomputing {@code kind} costs, for {@link CheckCost}'s estimate before any recomputation. */
    static CheckCost.Work work(QuantityKind kind) {
        return switch (kind) {
            case GRADIENT, GRADIENT_NORM_SQUARED, HESSIAN_TRACE, WEIGHTED_HESSIAN_TRACE, QUOTIENT_HESSIAN_TRACE,
                    ADAPTIVE_TRACE, LOG_HESSIAN_TRACE, CONNECTIVITY_SHARPNESS -> CheckCost.Work.COORDINATE_JETS;
            case FISHER_SHARPNESS -> CheckCost.Work.GRAM_SOLVE;
            case PSI_TRACE -> CheckCost.Work.PSI;
            case INCIDENCE_RANK, PATHS_RANK -> CheckCost.Work.RANK;
            case BOX_VOLUME -> CheckCost.Work.BOX_VOLUME;
            case SUM -> CheckCost.Work.SUM;
            case CONSTANT, LOSS, OUTPUT, OUTPUT_D1, D1, D2, RAYLEIGH, ADAPTIVE_D2, LOG_HESSIAN_D2, FISHER_RAO, KESKAR_RATIO, PATH_VALUE,
                    COUNT, LOSS_UPPER_BOUND_ON_BOX, KESKAR_UPPER_BOUND -> CheckCost.Work.PER_POINT;
        };
    }
}
