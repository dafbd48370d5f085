package org.boe4j.eval;

import java.util.List;
import java.util.Random;

/**
 * Paired sign-flip permutation test on per-seed differences d_i = variant_i - baseline_i. Under the null
 * hypothesis (no difference between the systems) each d_i is as likely to be +|d_i| as -|d_i|; the p-value is the
 * share of the 2^n sign assignments whose |Σ ±d_i| is at least the observed |Σ d_i| (two-sided; the observed
 * assignment is one of them, so p >= 2/2^n when some d_i != 0).
 *
 * <p>Exact for n <= {@link #MAX_EXACT} (all 2^n assignments, at most about a million); above that, a Monte Carlo
 * estimate over {@link #MONTE_CARLO_SAMPLES} random assignments from {@code new Random(seed)}, with
 * p = (count + 1) / (samples + 1) so that it is never 0 (Phipson and Smyth, 2010).
 *
 * @param atLeastAsExtreme assignments with |sum| >= observed |sum| (a tolerance of 1e-9 relative to Σ|d_i| keeps
 *                         floating-point ties counted)
 * @param assignments      2^n when exact, otherwise the number of samples
 */
public record SignFlipTest(int n, double observedSum, long atLeastAsExtreme, long assignments, boolean exact,
                           double p) {

    public static final int MAX_EXACT = 20;
    public static final int MONTE_CARLO_SAMPLES = 200_000;

    public static SignFlipTest of(List<Double> variant, List<Double> baseline) {
        return of(differences(variant, baseline), 1L);
    }

    public static SignFlipTest of(double[] d, long seed) {
        int n = d.length;
        double observed = 0;
        double scale = 0;
        for (double x : d) {
            observed += x;
            scale += Math.abs(x);
        }
        double threshold = Math.abs(observed) - 1e-9 * scale;
        if (n <= MAX_EXACT) {
            long total = 1L << n;
            long count = 0;
            for (long mask = 0; mask < total; mask++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += ((mask >>> i) & 1) == 0 ? d[i] : -d[i];
                }
                if (Math.abs(s) >= threshold) {
                    count++;
                }
            }
            return new SignFlipTest(n, observed, count, total, true, (double) count / total);
        }
        Random rng = new Random(seed);
        long count = 0;
        for (int k = 0; k < MONTE_CARLO_SAMPLES; k++) {
            double s = 0;
            for (double x : d) {
                s += rng.nextBoolean() ? x : -x;
            }
            if (Math.abs(s) >= threshold) {
                count++;
            }
        }
        return new SignFlipTest(n, observed, count, MONTE_CARLO_SAMPLES, false,
                (count + 1.0) / (MONTE_CARLO_SAMPLES + 1.0));
    }

    static double[] differences(List<Double> variant, List<Double> baseline) {
        if (variant.size() != baseline.size()) {
            throw new IllegalArgumentException("paired tests need one baseline value per variant value: "
                    + variant.size() + " vs " + baseline.size());
        }
        double[] d = new double[variant.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = variant.get(i) - baseline.get(i);
        }
        return d;
    }
}
