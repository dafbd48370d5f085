package org.boe4j.eval;

/** The Student t distribution with {@code df} degrees of freedom (df > 0, not necessarily whole). */
public final class StudentT {

    private StudentT() {
    }

    /**
     * Two-sided p-value P(|T| >= |t|) = I_{df/(df+t²)}(df/2, 1/2), the regularized incomplete beta function
     * (Abramowitz and Stegun 26.7.1: A(t|ν) = 1 - I_{ν/(ν+t²)}(ν/2, 1/2)).
     */
    public static double twoSidedP(double t, double df) {
        if (!(df > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, got " + df);
        }
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        return SpecialFunctions.regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
    }

    /** The cumulative distribution function P(T <= t). */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2; // P(T >= |t|)
        return t >= 0 ? 1 - tail : tail;
    }
}
