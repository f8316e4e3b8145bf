package org.flatcheck.claims;

import java.util.List;
import java.util.Optional;
import org.flatcheck.measures.Symmetry;

/** The claims of MATH §5, in the order of that list. */
public final class Claims {
    private static final List<Claim> ALL = List.of(new FunctionInvariance(), new TransformationLaw(),
            new DinhHessianUnbounded(), new DinhKeskarSharpness(), new DinhVolumeFlatness(), new MengBasisPaths(),
            new MengPathValueEquivalence(), new YiPsiRescalingInvariance(), new YiPsiSkeletonIndependence(),
            new RangamaniInvariance(Symmetry.LAYER_SCALING), new RangamaniInvariance(Symmetry.NODE_RESCALING), new KwonAdaptiveInvariance(),
            new LiangFisherRao(), new KeskarBatchSize());

    private Claims() {
    }

    public static List<Claim> all() {
        return ALL;
    }

    public static Optional<Claim> get(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
