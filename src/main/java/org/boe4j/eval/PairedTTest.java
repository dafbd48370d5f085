package org.boe4j.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Paired two-sided t-test on per-seed differences d_i = variant_i - baseline_i (same seed, same language):
 * t = mean(d) / (s_d / √n) with s_d the sample standard deviation of d, df = n - 1, and
 * p = P(|T_df| >= |t|) ({@link StudentT#twoSidedP}). It assumes the differences are roughly normal; with few
 * seeds read it together with the exact {@link SignFlipTest}, which assumes only symmetry.
 *
 * @param meanDifference mean(d)
 * @param t              the statistic; ±infinity if all differences are equal and non-zero
 * @param p              two-sided p-value; 1 if all differences are 0; NaN for fewer than 2 pairs
 */
public record PairedTTest(int n, double meanDifference, double sdDifference, double t, int df, double p) {

    public static PairedTTest of(List<Double> variant, List<Double> baseline) {
        double[] d = SignFlipTest.differences(variant, baseline);
        int n = d.length;
        SeedSummary s = SeedSummary.of(Arrays.stream(d).boxed().toList());
        if (n < 2) {
            return new PairedTTest(n, s.mean(), Double.NaN, Double.NaN, Math.max(0, n - 1), Double.NaN);
        }
        // all differences equal (up to the rounding of e.g. 0.7 - 0.6 vs 0.8 - 0.7): t is 0/0 or ±infinity
        if (s.std() <= 1e-12 * Math.abs(s.mean())) {
            boolean zero = s.mean() == 0;
            return new PairedTTest(n, s.mean(), s.std(), zero ? 0 : Math.copySign(Double.POSITIVE_INFINITY, s.mean()),
                    n - 1, zero ? 1 : 0);
        }
        double t = s.mean() / (s.std() / Math.sqrt(n));
        return new PairedTTest(n, s.mean(), s.std(), t, n - 1, StudentT.twoSidedP(t, n - 1));
    }
}
