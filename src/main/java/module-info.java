/**
 * flatcheck: exact checks of flatness measures of ReLU networks under their symmetries.
 *
 * <p>Exported (the library's API): {@code error} (the exceptions a user can act on), {@code exact} (rationals, matrices, certified intervals), {@code network},
 * {@code calculus} (loss and exact derivatives), {@code paths}, {@code symmetry} (the groups and their
 * elements), {@code measures} (the catalog and the {@code FlatnessMeasure} service), {@code invariance}
 * (counterexample search, audits), {@code bounds}, {@code io} (file formats), {@code claims} and
 * {@code claims.verify} (claims, certificates and their checker), {@code testing} (jqwik generators and the
 * {@code InvarianceContract} for users' own measures; needs jqwik and JUnit 5, optional dependencies). Stable for 1.x: the types each package's
 * {@code package-info} lists as stable API. Not exported: {@code cli} (the command line), {@code report}
 * (its renderers and plots) and {@code numeric} (double-precision helpers). picocli and XChart, which only
 * they use, are optional: to run the command line on the module path, add them
 * ({@code --add-modules info.picocli,org.knowm.xchart}).
 */
module org.flatcheck {
    requires transitive commons.math3;
    requires transitive com.fasterxml.jackson.databind;
    requires ejml.core;
    requires ejml.ddense;
    requires static info.picocli;
    requires static org.knowm.xchart;
    requires java.desktop;
    requires static net.jqwik.api;
    requires static org.junit.jupiter.api;

    exports org.flatcheck.error;
    exports org.flatcheck.exact;
    exports org.flatcheck.network;
    exports org.flatcheck.calculus;
    exports org.flatcheck.paths;
    exports org.flatcheck.symmetry;
    exports org.flatcheck.measures;
    exports org.flatcheck.invariance;
    exports org.flatcheck.bounds;
    exports org.flatcheck.io;
    exports org.flatcheck.claims;
    exports org.flatcheck.claims.verify;
    exports org.flatcheck.testing;

    opens org.flatcheck.cli to info.picocli;

    uses org.flatcheck.measures.FlatnessMeasure;

    provides org.flatcheck.measures.FlatnessMeasure with
        org.flatcheck.measures.HessianMeasures.LambdaMax,
        org.flatcheck.measures.HessianMeasures.SpectralNorm,
        org.flatcheck.measures.HessianMeasures.Trace,
        org.flatcheck.measures.HessianMeasures.Frobenius,
        org.flatcheck.measures.HessianMeasures.PseudoDeterminant,
        org.flatcheck.measures.VolumeFlatness,
        org.flatcheck.measures.PsiMeasures.Trace,
        org.flatcheck.measures.PsiMeasures.LambdaMax,
        org.flatcheck.measures.PsiMeasures.Ratio,
        org.flatcheck.measures.ScaledHessianMeasures.QuotientTrace,
        org.flatcheck.measures.ScaledHessianMeasures.QuotientLambdaMax,
        org.flatcheck.measures.ScaledHessianMeasures.AdaptiveTrace,
        org.flatcheck.measures.ScaledHessianMeasures.AdaptiveLambdaMax,
        org.flatcheck.measures.ScaledHessianMeasures.FilterTrace,
        org.flatcheck.measures.ScaledHessianMeasures.FilterLambdaMax,
        org.flatcheck.measures.FunctionalDimension,
        org.flatcheck.measures.FisherRao,
        org.flatcheck.measures.PathNormMeasures.L1,
        org.flatcheck.measures.PathNormMeasures.L2,
        org.flatcheck.measures.PathNormMeasures.L1WithBiases,
        org.flatcheck.measures.PathNormMeasures.L2WithBiases,
        org.flatcheck.measures.RelativeFlatness,
        org.flatcheck.measures.RelativeFlatness.Std,
        org.flatcheck.measures.RelativeFlatness.Variance,
        org.flatcheck.measures.MinimumSharpnessLayer,
        org.flatcheck.measures.PacBayesFlatness,
        org.flatcheck.measures.WorstCaseSharpness.Keskar,
        org.flatcheck.measures.WorstCaseSharpness.Adaptive,
        org.flatcheck.measures.MinimumSharpness,
        org.flatcheck.measures.NormalizedSharpness,
        org.flatcheck.measures.NormalizedSharpness.Icml,
        org.flatcheck.measures.LogHessianMeasures.Trace,
        org.flatcheck.measures.LogHessianMeasures.LambdaMax,
        org.flatcheck.measures.AdaptiveL2Sharpness,
        org.flatcheck.measures.AdaptiveAverageSharpness,
        org.flatcheck.measures.GeodesicSharpness,
        org.flatcheck.measures.RelativeFlatnessSpectral,
        org.flatcheck.measures.MetricHessianTrace,
        org.flatcheck.measures.FisherSharpness,
        org.flatcheck.measures.ConnectivitySharpness,
        org.flatcheck.measures.SamSharpness.Frobenius,
        org.flatcheck.measures.SamSharpness.Determinant,
        org.flatcheck.measures.LocalIdentifiabilityRank,
        org.flatcheck.measures.BalancedHessianTrace,
        org.flatcheck.measures.HorizontalHessianTrace;
}
