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
 * {@link BiasGelu}: forward against the literal tanh formula in double, computed here element by element
 * (u = 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))), x = y + b); backward against central finite differences in
 * double, and float32 (Vector API and scalar paths) against double. Inputs span [−6, 6] (both tails of GELU); 37
 * columns, so the vector loop's scalar tail runs too.
 */
class BiasGeluTest {

    static final int P = 11;
    static final int I = 37;

    static Map<String, INDArray> inputs() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        m.put("y", KernelCheck.uniform(1, -6, 6, P, I));
        m.put("b", KernelCheck.uniform(2, -1, 1, I));
        return m;
    }

    static KernelCheck check(DataType type) {
        return new KernelCheck(KernelCheck.cast(inputs(), type), List.of(),
                (sd, in) -> BiasGelu.apply(sd, "u", in.get("y"), in.get("b")), 3);
    }

    /** The checkpoint's GELU, literally: 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))). */
    static INDArray reference(INDArray y, INDArray b) {
        INDArray u = Nd4j.create(DataType.DOUBLE, y.shape());
        for (int r = 0; r < P; r++) {
            for (int j = 0; j < I; j++) {
                double x = y.getDouble(r, j) + b.getDouble(j);
                u.putScalar(r, j, 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
            }
        }
        return u;
    }

    @AfterEach
    void vectorBack() {
        Rows.vector = Rows.VECTOR_AVAILABLE;
    }

    @Test
    void forwardMatchesTheTanhFormulaInDouble() {
        INDArray ref = reference(inputs().get("y"), inputs().get("b"));
        double d = KernelCheck.maxAbsDiff(check(DataType.DOUBLE).output(), ref);
        double f = KernelCheck.maxAbsDiff(check(DataType.FLOAT).output(), ref);
        Rows.vector = false;
        double fs = KernelCheck.maxAbsDiff(check(DataType.FLOAT).output(), ref);
        System.out.printf("bias+gelu forward vs tanh formula: double %.2e, float vector %.2e, float scalar %.2e%n",
                d, f, fs);
        assertThat(d).isLessThanOrEqualTo(1e-14);
        assertThat(f).isLessThanOrEqualTo(5e-6);
        assertThat(fs).isLessThanOrEqualTo(5e-6);
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double worst = check(DataType.DOUBLE).finiteDifferenceError(1e-6, 4);
        System.out.printf("bias+gelu gradient check: worst relative error %.2e%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-7);
    }

    @Test
    void floatGradientMatchesDouble() {
        Map<String, INDArray> d = check(DataType.DOUBLE).gradients();
        Map<String, INDArray> f = check(DataType.FLOAT).gradients();
        for (String name : List.of("y", "b")) {
            double scale = d.get(name).amaxNumber().doubleValue();
            double rel = KernelCheck.maxAbsDiff(f.get(name), d.get(name)) / scale;
            System.out.printf("bias+gelu float gradient %s: relative %.2e%n", name, rel);
            assertThat(rel).as(name).isLessThanOrEqualTo(1e-5);
        }
    }
}
