package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedTestsTest {

    // five seeds; differences d = 0.02, 0.02, -0.01, 0.04, 0.03
    static final List<Double> VARIANT = List.of(0.80, 0.82, 0.79, 0.85, 0.81);
    static final List<Double> BASELINE = List.of(0.78, 0.80, 0.80, 0.81, 0.78);

    @Test
    void tTestByHand() {
        // mean(d) = 0.10 / 5 = 0.02; deviations 0, 0, -0.03, 0.02, 0.01 -> Σ² = 0.0014; s = √(0.0014 / 4)
        // = 0.0187083; t = 0.02 / (0.0187083 / √5) = 2.390457; df = 4.
        // p by A&S 26.7.3 (ν = 4): θ = atan(t/2), p = 1 - sin θ (1 + cos²θ / 2) = 0.0751305
        // (between the table's 0.10 at t = 2.132 and 0.05 at t = 2.776)
        PairedTTest t = PairedTTest.of(VARIANT, BASELINE);
        assertThat(t.n()).isEqualTo(5);
        assertThat(t.meanDifference()).isCloseTo(0.02, within(1e-12));
        assertThat(t.sdDifference()).isCloseTo(0.0187082869, within(1e-9));
        assertThat(t.t()).isCloseTo(2.390457219, within(1e-8));
        assertThat(t.df()).isEqualTo(4);
        assertThat(t.p()).isCloseTo(0.0751304546, within(1e-9));
    }

    @Test
    void tTestDegenerateCases() {
        assertThat(PairedTTest.of(List.of(0.5, 0.6), List.of(0.5, 0.6)).p()).isEqualTo(1);
        PairedTTest constant = PairedTTest.of(List.of(0.6, 0.7, 0.8), List.of(0.5, 0.6, 0.7));
        assertThat(constant.t()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(constant.p()).isZero();
        assertThat(PairedTTest.of(List.of(0.6), List.of(0.5)).p()).isNaN();
    }

    @Test
    void signFlipExactCounts() {
        // d = 1, 2, 3: the 8 signed sums are ±6, ±4, ±2, 0, 0; |S| >= 6 for 2 of them
        check(new double[] {1, 2, 3}, 2, 8);
        // d = 4, 3, 2, 1: only all-plus and all-minus reach |S| = 10
        check(new double[] {4, 3, 2, 1}, 2, 16);
        // d = 1, -1: observed 0, every assignment is at least as extreme
        check(new double[] {1, -1}, 4, 4);
        // d = 3, 1, 1, 1: observed 6; flipping any 1 gives 4, so again only 2 of 16
        check(new double[] {3, 1, 1, 1}, 2, 16);
        // d = 2, 1, 1: observed 4; flipping the 2 gives 0, flipping one 1 gives 2: 2 of 8
        // d = 1, 1, 1, -1 (observed 2): |S| >= 2 unless exactly two signs are flipped... count by hand:
        // sums of ±1±1±1∓1 are 4 (1), 2 (4), 0 (6), -2 (4), -4 (1): |S| >= 2 for 10 of 16
        check(new double[] {1, 1, 1, -1}, 10, 16);
    }

    @Test
    void signFlipOnSeedDifferencesCountsFloatingPointTies() {
        // d = 0.02, 0.02, -0.01, 0.04, 0.03 (sum 0.10) as computed from the values above, i.e. with rounding.
        // S = 0.10 - 2·(sum of the flipped d's). |S| >= 0.10 when the flipped sum is <= 0 ({} and {-0.01}) or
        // >= 0.10 (all five: 0.10, and all but -0.01: 0.11): 4 of 32 = 0.125.
        SignFlipTest f = SignFlipTest.of(VARIANT, BASELINE);
        assertThat(f.exact()).isTrue();
        assertThat(f.atLeastAsExtreme()).isEqualTo(4);
        assertThat(f.assignments()).isEqualTo(32);
        assertThat(f.p()).isEqualTo(0.125);
    }

    @Test
    void exactUpTo20SeedsThenMonteCarlo() {
        double[] twenty = Collections.nCopies(20, 0.01).stream().mapToDouble(Double::doubleValue).toArray();
        SignFlipTest exact = SignFlipTest.of(twenty, 1);
        assertThat(exact.exact()).isTrue();
        assertThat(exact.assignments()).isEqualTo(1L << 20);
        assertThat(exact.atLeastAsExtreme()).isEqualTo(2);
        double[] many = Collections.nCopies(21, 0.01).stream().mapToDouble(Double::doubleValue).toArray();
        SignFlipTest mc = SignFlipTest.of(many, 1);
        assertThat(mc.exact()).isFalse();
        assertThat(mc.assignments()).isEqualTo(SignFlipTest.MONTE_CARLO_SAMPLES);
        // true p = 2 / 2^21 ≈ 9.5e-7: with 200,000 samples almost surely 0 or 1 hits, p = (hits + 1) / 200,001
        assertThat(mc.p()).isLessThan(1.1e-5).isGreaterThan(0);
    }

    private static void check(double[] d, long count, long total) {
        SignFlipTest f = SignFlipTest.of(d, 1);
        assertThat(f.atLeastAsExtreme()).as(Arrays.toString(d)).isEqualTo(count);
        assertThat(f.assignments()).isEqualTo(total);
        assertThat(f.p()).isEqualTo((double) count / total);
    }
}
