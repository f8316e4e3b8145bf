package org.flatcheck.claims;

import java.util.List;
import java.util.Optional;
import org.flatcheck.claims.verify.ClaimKind;
import org.flatcheck.measures.Symmetry;

/** The claims flatcheck decides, in a fixed order (the order of {@code prove --list}). */
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

    /** Each claim's kind, by id: what {@code verify-certificate} holds a certificate's {@code kind} to. */
    public static java.util.Map<String, ClaimKind> kinds() {
        java.util.Map<String, ClaimKind> m = new java.util.LinkedHashMap<>();
        ALL.forEach(c -> m.put(c.id(), c.kind()));
        return m;
    }

    public static Optional<Claim> get(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
