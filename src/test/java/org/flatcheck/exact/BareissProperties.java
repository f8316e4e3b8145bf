package org.flatcheck.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.commons.math3.fraction.BigFraction;

class BareissProperties {
    @Provide
    Arbitrary<BigFraction[][]> rectangular() {
        return Matrices.rectangular();
    }

    @Provide
    Arbitrary<BigFraction[][]> square() {
        return Matrices.square();
    }

    @Property(tries = 500)
    void rankAgreesWithRationalGaussianElimination(@ForAll("rectangular") BigFraction[][] a) {
        int rank = Bareiss.rank(QMatrix.of(a));
        Statistics.label("full rank").collect(rank == Math.min(a.length, a[0].length));
        assertEquals(Reference.rank(a), rank);
    }

    @Property(tries = 500)
    void determinantAgreesWithRationalGaussianElimination(@ForAll("square") BigFraction[][] a) {
        Statistics.label("singular").collect(Reference.determinant(a).getNumerator().signum() == 0);
        assertEquals(Reference.determinant(a), Bareiss.determinant(QMatrix.of(a)));
    }

    @Property(tries = 500)
    void solveReturnsASolutionExactlyWhenTheSystemIsConsistent(@ForAll("rectangular") BigFraction[][] a,
            @ForAll long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        BigFraction[] b = new BigFraction[a.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = new BigFraction(rnd.nextInt(11) - 5, 1 + rnd.nextInt(3));
        }
        QMatrix m = QMatrix.of(a);
        Optional<QVector> x = Bareiss.solve(m, QVector.of(b));
        // Consistent iff rank [A | b] = rank A (Rouché–Capelli), decided by the reference route.
        BigFraction[][] aug = new BigFraction[a.length][];
        for (int i = 0; i < a.length; i++) {
            aug[i] = java.util.Arrays.copyOf(a[i], a[i].length + 1);
            aug[i][a[i].length] = b[i];
        }
        boolean consistent = Reference.rank(aug) == Reference.rank(a);
        Statistics.label("consistent").collect(consistent);
        assertEquals(consistent, x.isPresent());
        x.ifPresent(v -> assertEquals(QVector.of(b), m.multiply(v)));
    }

    @Property(tries = 200)
    void productOfMatrixWithItsSolutionIsTheRightHandSide(@ForAll("square") BigFraction[][] a) {
        QMatrix m = QMatrix.of(a);
        if (a.length == 0 || Bareiss.determinant(m).getNumerator().signum() == 0) {
            return;
        }
        BigFraction[] e0 = new BigFraction[a.length];
        java.util.Arrays.fill(e0, BigFraction.ZERO);
        e0[0] = BigFraction.ONE;
        QVector x = Bareiss.solve(m, QVector.of(e0)).orElseThrow();
        assertTrue(m.multiply(x).equals(QVector.of(e0)));
    }

    @Property(tries = 300)
    void solvingManyRightHandSidesAtOnceAgreesWithSolvingEachAlone(@ForAll("rectangular") BigFraction[][] a,
            @ForAll long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        int m = 1 + rnd.nextInt(3);
        BigFraction[][] b = new BigFraction[a.length][m];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < m; j++) {
                b[i][j] = new BigFraction(rnd.nextInt(11) - 5, 1 + rnd.nextInt(3));
            }
        }
        QMatrix am = QMatrix.of(a);
        Optional<QMatrix> x = Bareiss.solve(am, QMatrix.of(b));
        boolean all = true;
        for (int j = 0; j < m; j++) {
            BigFraction[] col = new BigFraction[a.length];
            for (int i = 0; i < a.length; i++) {
                col[i] = b[i][j];
            }
            Optional<QVector> xj = Bareiss.solve(am, QVector.of(col));
            all &= xj.isPresent();
            if (x.isPresent() && xj.isPresent()) {
                for (int i = 0; i < a[0].length; i++) {
                    assertEquals(xj.get().get(i), x.get().get(i, j), "column " + j);
                }
            }
        }
        Statistics.label("consistent").collect(all);
        assertEquals(all, x.isPresent());
        x.ifPresent(v -> assertEquals(QMatrix.of(b), am.multiply(v)));
    }

    @Property(tries = 300)
    void pivotColumnsAreIndependentAndSpanTheColumnSpace(@ForAll("rectangular") BigFraction[][] a) {
        int[] cols = Bareiss.pivotColumns(QMatrix.of(a));
        assertEquals(Reference.rank(a), cols.length);
        BigFraction[][] sub = new BigFraction[a.length][cols.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                sub[i][j] = a[i][cols[j]];
            }
        }
        assertEquals(cols.length, cols.length == 0 ? 0 : Reference.rank(sub), "the chosen columns are independent");
    }
}
