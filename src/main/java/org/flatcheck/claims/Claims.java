package org.flatcheck.claims;

import java.util.List;
import java.util.Optional;
import org.flatcheck.claims.verify.ClaimSpec;
import org.flatcheck.symmetry.Symmetry;

/** The claims flatcheck decides, in a fixed order (the order of {@code prove --list}). */
public final class Claims {
    private static final List<Claim> ALL = List.of(new FunctionInvariance(), new TransformationLaw(),
            new DinhHessianUnbounded(), new DinhKeskarSharpness(), new DinhVolumeFlatness(), new MengBasisPaths(),
            new MengPathValueEquivalence(), new YiPsiRescalingInvariance(), new YiPsiSkeletonIndependence(),
            new RangamaniInvariance(Symmetry.LAYER_SCALING), new RangamaniInvariance(Symmetry.NODE_RESCALING), new KwonAdaptiveInvariance(),
            new LiangFisherRao(), new KristiadiLogHessianInvariance(), new AndriushchenkoAdaptiveInvariance(),
            new DaSilvaGeodesicInvariance(), new JangFisherInvariance(), new KimConnectivityInvariance(), new KeskarBatchSize());

    private Claims() {
    }

    public static List<Claim> all() {
        return ALL;
    }

    /** Each claim's kind and texts, by id: what {@code verify-certificate} holds a certificate of it to. */
    public static java.util.Map<String, ClaimSpec> specs() {
        java.util.Map<String, ClaimSpec> m = new java.util.LinkedHashMap<>();
        ALL.forEach(c -> m.put(c.id(), new ClaimSpec(c.id(), c.kind(), c.source(), c.paperStatement(), c.statement())));
        return java.util.Collections.unmodifiableMap(m);
    }

    public static Optional<Claim> get(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
