package org.boe4j.bert.fused;

/**
 * The kernels' per-row equations in plain double-precision Java: the reference form, used for double graphs (the
 * gradient checks) and for float graphs when the Vector API module is absent. {@link VectorRows} computes the same
 * in float32 lanes. Legend: n the row length; every array argument holds one row from {@code off}.
 */
final class ScalarRows {

    /** 2·sqrt(2/π): 0.5·(1 + tanh z) = sigmoid(2z), so gelu_tanh(x) = x·sigmoid(x·(A + B·x²)). */
    static final double GELU_A = 2 * Math.sqrt(2 / Math.PI);
    static final double GELU_B = 0.044715 * GELU_A;

    private ScalarRows() {
    }

    /** s ← softmax(s + mask): exp(s_j + m_j − max) / Σ exp(...), over one row of n scores. */
    static void maskedSoftmax(double[] s, int off, double[] mask, int moff, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            s[off + j] += mask[moff + j];
            max = Math.max(max, s[off + j]);
        }
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.exp(s[off + j] - max);
            s[off + j] = e;
            sum += e;
        }
        double inv = 1 / sum;
        for (int j = 0; j < n; j++) {
            s[off + j] *= inv;
        }
    }

    /** Softmax gradient in place: d ← p ∘ (d − Σ_j d_j p_j) (dL/ds from dL/dp). */
    static void softmaxGrad(double[] p, double[] d, int off, int n) {
        double dot = 0;
        for (int j = 0; j < n; j++) {
            dot += d[off + j] * p[off + j];
        }
        for (int j = 0; j < n; j++) {
            d[off + j] = p[off + j] * (d[off + j] - dot);
        }
    }

    /** y ← gelu_tanh(y + b) = x·sigmoid(x·(A + B·x²)), x = y + b. */
    static void biasGelu(double[] y, double[] b, int n) {
        for (int j = 0; j < n; j++) {
            double x = y[j] + b[j];
            y[j] = x / (1 + Math.exp(-x * (GELU_A + GELU_B * x * x)));
        }
    }

    /**
     * g ← g · gelu'(y + b): with s = sigmoid(z), z = x·(A + B·x²),
     * d/dx [x·s(z)] = s + x·s·(1 − s)·(A + 3B·x²).
     */
    static void biasGeluGrad(double[] y, double[] b, double[] g, int n) {
        for (int j = 0; j < n; j++) {
            double x = y[j] + b[j];
            double s = 1 / (1 + Math.exp(-x * (GELU_A + GELU_B * x * x)));
            g[j] *= s + x * s * (1 - s) * (GELU_A + 3 * GELU_B * x * x);
        }
    }

    /**
     * z = m∘(y + b) + r (m = null: no dropout); out = gamma·(z − mean)/sqrt(var + eps) + beta, population variance.
     * Result in y.
     */
    static void residualLayerNorm(double[] y, double[] b, double[] m, double[] r, double[] gamma, double[] beta,
                                  double eps, int n) {
        double mean = residual(y, b, m, r, n);
        double rstd = rstd(y, mean, eps, n);
        for (int j = 0; j < n; j++) {
            y[j] = gamma[j] * (y[j] - mean) * rstd + beta[j];
        }
    }

    /** 1/sqrt(var + eps), var the population variance of the row z about {@code mean} (two-pass). */
    private static double rstd(double[] z, double mean, double eps, int n) {
        double var = 0;
        for (int j = 0; j < n; j++) {
            double c = z[j] - mean;
            var += c * c;
        }
        return 1 / Math.sqrt(var / n + eps);
    }

    /** y ← z = m∘(y + b) + r; returns mean(z). */
    private static double residual(double[] y, double[] b, double[] m, double[] r, int n) {
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double t = y[j] + b[j];
            y[j] = (m == null ? t : m[j] * t) + r[j];
            sum += y[j];
        }
        return sum / n;
    }

    /**
     * Gradient of {@link #residualLayerNorm} for one row, g = dL/dout. With x̂ = (z − mean)·rstd and h = g∘gamma:
     * dz = rstd·(h − mean(h) − x̂·mean(h∘x̂)); dr = dz, dy = m∘dz; dgamma += g∘x̂, dbeta += g, db += dy.
     * On return y holds dy and r holds dr; y, r are overwritten.
     */
    static void residualLayerNormGrad(double[] y, double[] b, double[] m, double[] r, double[] gamma, double eps,
                                      double[] g, double[] dGamma, double[] dBeta, double[] dBias, int n) {
        double mean = residual(y, b, m, r, n);
        double rstd = rstd(y, mean, eps, n);
        double meanH = 0;
        double meanHx = 0;
        for (int j = 0; j < n; j++) {
            double xhat = (y[j] - mean) * rstd;
            y[j] = xhat;
            double h = g[j] * gamma[j];
            meanH += h;
            meanHx += h * xhat;
            dGamma[j] += g[j] * xhat;
            dBeta[j] += g[j];
        }
        meanH /= n;
        meanHx /= n;
        for (int j = 0; j < n; j++) {
            double dz = rstd * (g[j] * gamma[j] - meanH - y[j] * meanHx);
            r[j] = dz;
            y[j] = m == null ? dz : m[j] * dz;
            dBias[j] += y[j];
        }
    }
}
