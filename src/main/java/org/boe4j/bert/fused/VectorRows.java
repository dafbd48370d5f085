package org.boe4j.bert.fused;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ScalarRows}' equations in float32 with the Java Vector API (incubator module {@code jdk.incubator.vector};
 * this class is loaded only when {@link Rows#VECTOR} found the module). Why: the elementwise parts (exp in softmax
 * and GELU, the LayerNorm passes) are scalar loops in libnd4j 1.0.0-M2.1; the JDK's vector EXP is SIMD (libjsvml).
 * Sums are accumulated in float lanes and reduced at the end of a row (rows are ≤ a few thousand elements).
 */
final class VectorRows {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final float A = (float) ScalarRows.GELU_A;
    private static final float B = (float) ScalarRows.GELU_B;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    private VectorRows() {
    }

    /** s ← softmax(s + mask) over one row (see {@link ScalarRows#maskedSoftmax}). */
    static void maskedSoftmax(float[] s, int off, float[] mask, int moff, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; j < bound; j += S.length()) {
            FloatVector v = FloatVector.fromArray(S, s, off + j).add(FloatVector.fromArray(S, mask, moff + j));
            v.intoArray(s, off + j);
            vmax = vmax.max(v);
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            s[off + j] += mask[moff + j];
            max = Math.max(max, s[off + j]);
        }
        FloatVector vsum = FloatVector.zero(S);
        for (j = 0; j < bound; j += S.length()) {
            FloatVector e = FloatVector.fromArray(S, s, off + j).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(s, off + j);
            vsum = vsum.add(e);
        }
        float sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float e = (float) Math.exp(s[off + j] - max);
            s[off + j] = e;
            sum += e;
        }
        float inv = 1 / sum;
        for (j = 0; j < bound; j += S.length()) {
            FloatVector.fromArray(S, s, off + j).mul(inv).intoArray(s, off + j);
        }
        for (; j < n; j++) {
            s[off + j] *= inv;
        }
    }

    /** d ← p ∘ (d − Σ d∘p). */
    static void softmaxGrad(float[] p, float[] d, int off, int n) {
        int j = 0;
        int bound = S.loopBound(n);
        FloatVector vdot = FloatVector.zero(S);
        for (; j < bound; j += S.length()) {
            vdot = FloatVector.fromArray(S, d, off + j).fma(FloatVector.fromArray(S, p, off + j), vdot);
        }
        float dot = vdot.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            dot += d[off + j] * p[off + j];
        }
        for (j = 0; j < bound; j += S.length()) {
            FloatVector pv = FloatVector.fromArray(S, p, off + j);
            FloatVector.fromArray(S, d, off + j).sub(dot).mul(pv).intoArray(d, off + j);
        }
        for (; j < n; j++) {
            d[off + j] = p[off + j] * (d[off + j] - dot);
        }
    }

    /** y ← gelu_tanh(y + b) = x / (1 + exp(−x·(A + B·x²))). */
    static void biasGelu(float[] y, float[] b, int n) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, y, j).add(FloatVector.fromArray(S, b, j));
            FloatVector z = x.mul(x).fma(B, A).mul(x);                                  // x·(A + B·x²)
            x.div(z.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, j);
        }
        for (; j < n; j++) {
            float x = y[j] + b[j];
            y[j] = (float) (x / (1 + Math.exp(-x * (A + B * x * x))));
        }
    }

    /** g ← g · (s + x·s·(1 − s)·(A + 3B·x²)), s = sigmoid(x·(A + B·x²)), x = y + b. */
    static void biasGeluGrad(float[] y, float[] b, float[] g, int n) {
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector x = FloatVector.fromArray(S, y, j).add(FloatVector.fromArray(S, b, j));
            FloatVector x2 = x.mul(x);
            FloatVector s = ONE.div(x2.fma(B, A).mul(x).neg().lanewise(VectorOperators.EXP).add(1f)); // sigmoid(z)
            FloatVector slope = x2.fma(3 * B, A);                                       // A + 3B·x²
            FloatVector d = s.neg().add(1f).mul(s).mul(x).fma(slope, s);                // s + x·s·(1−s)·slope
            FloatVector.fromArray(S, g, j).mul(d).intoArray(g, j);
        }
        for (; j < n; j++) {
            float x = y[j] + b[j];
            float s = (float) (1 / (1 + Math.exp(-x * (A + B * x * x))));
            g[j] *= s + x * s * (1 - s) * (A + 3 * B * x * x);
        }
    }

    /** y ← LayerNorm(m∘(y + b) + r) (see {@link ScalarRows#residualLayerNorm}); m may be null. */
    static void residualLayerNorm(float[] y, float[] b, float[] m, float[] r, float[] gamma, float[] beta,
                                  double eps, int n) {
        float mean = residual(y, b, m, r, n);
        float rstd = rstd(y, mean, eps, n);
        int j = 0;
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector c = FloatVector.fromArray(S, y, j).sub(mean).mul(rstd);
            c.fma(FloatVector.fromArray(S, gamma, j), FloatVector.fromArray(S, beta, j)).intoArray(y, j);
        }
        for (; j < n; j++) {
            y[j] = gamma[j] * ((y[j] - mean) * rstd) + beta[j];
        }
    }

    /** y ← m∘(y + b) + r; returns mean. */
    private static float residual(float[] y, float[] b, float[] m, float[] r, int n) {
        int j = 0;
        FloatVector vsum = FloatVector.zero(S);
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector t = FloatVector.fromArray(S, y, j).add(FloatVector.fromArray(S, b, j));
            if (m != null) {
                t = t.mul(FloatVector.fromArray(S, m, j));
            }
            t = t.add(FloatVector.fromArray(S, r, j));
            t.intoArray(y, j);
            vsum = vsum.add(t);
        }
        float sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float t = y[j] + b[j];
            y[j] = (m == null ? t : m[j] * t) + r[j];
            sum += y[j];
        }
        return sum / n;
    }

    /** 1/sqrt(var + eps), var the population variance of the row about {@code mean}. */
    private static float rstd(float[] z, float mean, double eps, int n) {
        int j = 0;
        FloatVector vvar = FloatVector.zero(S);
        for (int bound = S.loopBound(n); j < bound; j += S.length()) {
            FloatVector c = FloatVector.fromArray(S, z, j).sub(mean);
            vvar = c.fma(c, vvar);
        }
        float var = vvar.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float c = z[j] - mean;
            var += c * c;
        }
        return (float) (1 / Math.sqrt(var / n + eps));
    }

    /** Gradient of {@link #residualLayerNorm} (see {@link ScalarRows#residualLayerNormGrad}); y ← dy, r ← dr. */
    static void residualLayerNormGrad(float[] y, float[] b, float[] m, float[] r, float[] gamma, double eps,
                                      float[] g, float[] dGamma, float[] dBeta, float[] dBias, int n) {
        float mean = residual(y, b, m, r, n);
        float rstd = rstd(y, mean, eps, n);
        int bound = S.loopBound(n);
        int j = 0;
        FloatVector vh = FloatVector.zero(S);
        FloatVector vhx = FloatVector.zero(S);
        for (; j < bound; j += S.length()) {
            FloatVector xhat = FloatVector.fromArray(S, y, j).sub(mean).mul(rstd);
            xhat.intoArray(y, j);
            FloatVector gv = FloatVector.fromArray(S, g, j);
            FloatVector h = gv.mul(FloatVector.fromArray(S, gamma, j));
            vh = vh.add(h);
            vhx = h.fma(xhat, vhx);
            gv.fma(xhat, FloatVector.fromArray(S, dGamma, j)).intoArray(dGamma, j);
            gv.add(FloatVector.fromArray(S, dBeta, j)).intoArray(dBeta, j);
        }
        float meanH = vh.reduceLanes(VectorOperators.ADD);
        float meanHx = vhx.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            float xhat = (y[j] - mean) * rstd;
            y[j] = xhat;
            float h = g[j] * gamma[j];
            meanH += h;
            meanHx += h * xhat;
            dGamma[j] += g[j] * xhat;
            dBeta[j] += g[j];
        }
        meanH /= n;
        meanHx /= n;
        for (j = 0; j < bound; j += S.length()) {
            FloatVector h = FloatVector.fromArray(S, g, j).mul(FloatVector.fromArray(S, gamma, j));
            FloatVector dz = FloatVector.fromArray(S, y, j).mul(-meanHx).add(h).sub(meanH).mul(rstd);
            dz.intoArray(r, j);
            FloatVector dy = m == null ? dz : dz.mul(FloatVector.fromArray(S, m, j));
            dy.intoArray(y, j);
            dy.add(FloatVector.fromArray(S, dBias, j)).intoArray(dBias, j);
        }
        for (; j < n; j++) {
            float dz = rstd * (g[j] * gamma[j] - meanH - y[j] * meanHx);
            r[j] = dz;
            y[j] = m == null ? dz : m[j] * dz;
            dBias[j] += y[j];
        }
    }
}
