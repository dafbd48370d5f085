package org.boe4j.eval;

/**
 * The log-gamma function and the regularized incomplete beta function, which give the Student t distribution
 * ({@link StudentT}). Written here, not taken from a library, and tested against closed forms and published
 * t-table values.
 */
public final class SpecialFunctions {

    /** Lanczos approximation, g = 7, 9 terms (Godfrey's coefficients): |rel. error| < 1e-15 for Re(x) > 0. */
    private static final double LANCZOS_G = 7;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x > 0 (Lanczos: Γ(x+1) = √(2π) (x+g+½)^(x+½) e^-(x+g+½) A_g(x)). */
    public static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, got " + x);
        }
        if (x < 0.5) {
            // reflection Γ(x)Γ(1-x) = π / sin(πx) keeps the series in its accurate range
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + LANCZOS_G + 0.5;
        for (int i = 1; i < LANCZOS.length; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /**
     * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for a, b > 0 and 0 <= x <= 1.
     *
     * <p>Evaluated as x^a (1-x)^b / (a B(a,b)) times the continued fraction
     * 1 / (1 + d1 / (1 + d2 / (1 + ...))) with d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)) and
     * d_{2m} = m (b-m) x / ((a+2m-1)(a+2m)) (Abramowitz and Stegun 26.5.8), computed by the modified Lentz
     * method. The fraction converges fast for x < (a+1)/(a+b+2); otherwise the symmetry
     * I_x(a, b) = 1 - I_{1-x}(b, a) is used.
     */
    public static double regularizedIncompleteBeta(double x, double a, double b) {
        if (!(a > 0 && b > 0)) {
            throw new IllegalArgumentException("need a, b > 0, got a=" + a + " b=" + b);
        }
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("need 0 <= x <= 1, got " + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedIncompleteBeta(1 - x, b, a);
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x)
                - (logGamma(a) + logGamma(b) - logGamma(a + b)) - Math.log(a);
        return Math.exp(logFront) * continuedFraction(x, a, b);
    }

    private static double continuedFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        final double eps = 1e-16;
        // Lentz: f = 1/(1 + d1/(1 + d2/(1 + ...))); track C_n, D_n so that f_n = f_{n-1} C_n D_n
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double f = d;
        for (int m = 1; m <= 10_000; m++) {
            double even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + even * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + even / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            f *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
            d = 1 + odd * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + odd / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            f *= delta;
            if (Math.abs(delta - 1) < eps) {
                return f;
            }
        }
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x
                + " a=" + a + " b=" + b);
    }
}
