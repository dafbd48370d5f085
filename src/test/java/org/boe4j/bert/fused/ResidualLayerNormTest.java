package org.boe4j.bert.fused;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResidualLayerNorm}: out = gamma·(z − mean)/sqrt(var + eps) + beta, z = m∘(y + b) + r, against a double
 * reference computed here row by row (two-pass mean and population variance), with a dropout mask (zeros and
 * 1/0.9) and with the inference scalar 1; eps 1e-12 as M-BERT's config. Backward: central finite differences in
 * double for y, b, r, gamma and beta, and float32 against double. D = 19 (vector loop tail), rows with a large
 * mean (50) to catch one-pass variance.
 */
class ResidualLayerNormTest {

    static final int P = 7;
    static final int D = 19;
    static final double EPS = 1e-12;

    static Map<String, INDArray> inputs(boolean masked) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("y", KernelCheck.uniform(1, -2, 2, P, D));
        m.put("b", KernelCheck.uniform(2, -1, 1, D));
        m.put("r", KernelCheck.uniform(3, 48, 52, P, D));
        m.put("gamma", KernelCheck.uniform(4, 0.5, 1.5, D));
        m.put("beta", KernelCheck.uniform(5, -0.5, 0.5, D));
        INDArray mask = masked ? KernelCheck.uniform(6, 0, 1, P, D).gte(0.1).castTo(DataType.DOUBLE).divi(0.9)
                : Nd4j.scalar(DataType.DOUBLE, 1.0);
        m.put("mask", mask);
        return m;
    }

    static KernelCheck check(DataType type, boolean masked) {
        return new KernelCheck(KernelCheck.cast(inputs(masked), type), List.of("mask"),
                (sd, in) -> ResidualLayerNorm.apply(sd, "ln", in.get("y"), in.get("b"), in.get("mask"), in.get("r"),
                        in.get("gamma"), in.get("beta"), EPS), 7);
    }

    static INDArray reference(Map<String, INDArray> in) {
        INDArray out = Nd4j.create(DataType.DOUBLE, P, D);
        INDArray mask = in.get("mask");
        for (int p = 0; p < P; p++) {
            double[] z = new double[D];
            double mean = 0;
            for (int j = 0; j < D; j++) {
                double m = mask.length() == 1 ? 1 : mask.getDouble(p, j);
                z[j] = m * (in.get("y").getDouble(p, j) + in.get("b").getDouble(j)) + in.get("r").getDouble(p, j);
                mean += z[j] / D;
            }
            double var = 0;
            for (int j = 0; j < D; j++) {
                var += (z[j] - mean) * (z[j] - mean) / D;
            }
            for (int j = 0; j < D; j++) {
                out.putScalar(p, j, in.get("gamma").getDouble(j) * (z[j] - mean) / Math.sqrt(var + EPS)
                        + in.get("beta").getDouble(j));
            }
        }
        return out;
    }

    @AfterEach
    void vectorBack() {
        Rows.vector = Rows.VECTOR_AVAILABLE;
    }

    @Test
    void forwardMatchesTheDoubleReference() {
        for (boolean masked : new boolean[]{false, true}) {
            INDArray ref = reference(inputs(masked));
            double d = KernelCheck.maxAbsDiff(check(DataType.DOUBLE, masked).output(), ref);
            double f = KernelCheck.maxAbsDiff(check(DataType.FLOAT, masked).output(), ref);
            Rows.vector = false;
            double fs = KernelCheck.maxAbsDiff(check(DataType.FLOAT, masked).output(), ref);
            Rows.vector = Rows.VECTOR_AVAILABLE;
            System.out.printf("residual+LN forward (mask %s): double %.2e, float vector %.2e, float scalar %.2e%n",
                    masked, d, f, fs);
            assertThat(d).isLessThanOrEqualTo(1e-12);
            assertThat(f).isLessThanOrEqualTo(2e-5);
            assertThat(fs).isLessThanOrEqualTo(2e-5);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        for (boolean masked : new boolean[]{false, true}) {
            double worst = check(DataType.DOUBLE, masked).finiteDifferenceError(1e-6, 8);
            System.out.printf("residual+LN gradient check (mask %s): worst relative error %.2e%n", masked, worst);
            assertThat(worst).isLessThanOrEqualTo(1e-6);
        }
    }

    @Test
    void floatGradientMatchesDouble() {
        Map<String, INDArray> d = check(DataType.DOUBLE, true).gradients();
        Map<String, INDArray> f = check(DataType.FLOAT, true).gradients();
        for (String name : List.of("y", "b", "r", "gamma", "beta")) {
            double rel = KernelCheck.maxAbsDiff(f.get(name), d.get(name)) / d.get(name).amaxNumber().doubleValue();
            System.out.printf("residual+LN float gradient %s: relative %.2e%n", name, rel);
            assertThat(rel).as(name).isLessThanOrEqualTo(1e-4);
        }
    }
}
