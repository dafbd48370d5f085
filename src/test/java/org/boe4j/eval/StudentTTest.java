package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StudentTTest {

    /**
     * Critical values of published two-sided t tables (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2), given to 3
     * decimals: the p-value at the rounded t must be the table's α to within the rounding (|dp/dt| * 5e-4 < 1e-4).
     */
    @Test
    void publishedTableValues() {
        double[][] table = {
            // t, df, two-sided alpha
            {12.706, 1, 0.05}, {63.657, 1, 0.01}, {6.314, 1, 0.10},
            {4.303, 2, 0.05}, {9.925, 2, 0.01},
            {2.776, 4, 0.05}, {2.132, 4, 0.10},
            {2.262, 9, 0.05}, {3.250, 9, 0.01}, {1.833, 9, 0.10},
            {2.228, 10, 0.05}, {3.169, 10, 0.01},
            {2.086, 20, 0.05}, {2.042, 30, 0.05}, {1.984, 100, 0.05},
        };
        for (double[] row : table) {
            assertThat(StudentT.twoSidedP(row[0], row[1])).as("t=%s df=%s", row[0], row[1])
                    .isCloseTo(row[2], within(1e-4));
        }
        assertThat(StudentT.twoSidedP(1.96, 1e7)).isCloseTo(0.05, within(1e-4)); // the normal limit
    }

    @Test
    void closedFormsForSmallDegreesOfFreedom() {
        // Abramowitz & Stegun 26.7.3 with θ = atan(t / √ν): ν=1 (Cauchy) A = 2θ/π; ν=2 A = sin θ;
        // ν=3 A = 2/π (θ + sin θ cos θ); ν=4 A = sin θ (1 + cos²θ / 2); the two-sided p is 1 - A.
        for (double t = 0.05; t < 40; t *= 1.37) {
            assertThat(StudentT.twoSidedP(t, 1)).isCloseTo(1 - 2 * Math.atan(t) / Math.PI, within(1e-13));
            double th2 = Math.atan(t / Math.sqrt(2));
            assertThat(StudentT.twoSidedP(t, 2)).isCloseTo(1 - Math.sin(th2), within(1e-13));
            double th3 = Math.atan(t / Math.sqrt(3));
            assertThat(StudentT.twoSidedP(-t, 3))
                    .isCloseTo(1 - 2 / Math.PI * (th3 + Math.sin(th3) * Math.cos(th3)), within(1e-13));
            double th4 = Math.atan(t / 2);
            double c2 = Math.cos(th4) * Math.cos(th4);
            assertThat(StudentT.twoSidedP(t, 4)).isCloseTo(1 - Math.sin(th4) * (1 + c2 / 2), within(1e-13));
        }
    }

    @Test
    void fractionalDegreesOfFreedomAgainstScipy() {
        // 2 * scipy.stats.t.sf(|t|, df), computed once
        assertThat(StudentT.twoSidedP(2.262, 9)).isCloseTo(0.05001284550245463, within(1e-13));
        assertThat(StudentT.twoSidedP(0.5, 3.5)).isCloseTo(0.6468504393225509, within(1e-13));
        assertThat(StudentT.twoSidedP(10.0, 2.5)).isCloseTo(0.0044414957673074235, within(1e-14));
        assertThat(StudentT.twoSidedP(1.0, 100)).isCloseTo(0.31972415578412333, within(1e-13));
        assertThat(StudentT.twoSidedP(3.0, 30)).isCloseTo(0.005389964065651945, within(1e-14));
        assertThat(StudentT.twoSidedP(0.1, 1)).isCloseTo(0.936548965138893, within(1e-13));
    }

    @Test
    void cdfIsSymmetric() {
        assertThat(StudentT.cdf(0, 5)).isCloseTo(0.5, within(1e-15));
        assertThat(StudentT.cdf(2.015, 5)).isCloseTo(0.95, within(1e-4)); // one-sided table: t_0.95,5 = 2.015
        assertThat(StudentT.cdf(-2.015, 5)).isCloseTo(0.05, within(1e-4));
        assertThat(StudentT.twoSidedP(Double.POSITIVE_INFINITY, 3)).isZero();
    }
}
