package org.boe4j.eval;

import java.util.List;

/**
 * Mean and standard deviation of a metric over seeds. The standard deviation is the <em>sample</em> one,
 * s = sqrt(Σ(x_i - mean)² / (n - 1)), because the seeds are a sample of the runs one could have made; it is NaN
 * for a single seed (undefined), and then reports show the mean alone.
 */
public record SeedSummary(int n, double mean, double std) {

    public static SeedSummary of(List<Double> values) {
        int n = values.size();
        if (n == 0) {
            return new SeedSummary(0, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new SeedSummary(1, mean, Double.NaN);
        }
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean); // two-pass: no cancellation from Σx² - n·mean²
        }
        return new SeedSummary(n, mean, Math.sqrt(ss / (n - 1)));
    }
}
