package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The entity attention of docs/method.md §5 against a straight-from-the-equations computation in Java doubles.
 */
class EntityAttentionTest {

    private static final int B = 3, K = 4, D = 5;

    /** Row 0: 4 entities; row 1: 2 entities + 2 padding slots; row 2: no entity at all (z must be 0). */
    private static final double[][] MASK = {{1, 1, 1, 1}, {1, 1, 0, 0}, {0, 0, 0, 0}};

    private final Random random = new Random(7);
    private final double[][] h = randomMatrix(B, D);
    private final double[][][] v = new double[B][][];
    private final double[][] p = randomMatrix(B, K);
    private final double[] wA = {1.7, -0.6};

    EntityAttentionTest() {
        for (int b = 0; b < B; b++) {
            v[b] = randomMatrix(K, D);
        }
    }

    @Test
    void attentionMatchesTheEquations() {
        Map<String, INDArray> out = run(true);
        double[][] z = out.get("boe.z").toDoubleMatrix();
        double[][] a = out.get("boe.attention_probs").toDoubleMatrix();
        for (int b = 0; b < B; b++) {
            double[] expectedA = referenceAttention(b);
            for (int k = 0; k < K; k++) {
                assertThat(a[b][k]).as("a[%d][%d]", b, k).isCloseTo(expectedA[k], within(1e-12));
            }
            for (int d = 0; d < D; d++) {
                double expected = 0;
                for (int k = 0; k < K; k++) {
                    expected += expectedA[k] * v[b][k][d];
                }
                assertThat(z[b][d]).as("z[%d][%d]", b, d).isCloseTo(expected, within(1e-12));
            }
        }
        assertThat(z[2]).as("a document without entities gets z = 0").containsOnly(0.0);
    }

    @Test
    void withoutAttentionZIsTheMeanOfTheEntityVectors() {
        double[][] z = run(false).get("boe.z").toDoubleMatrix();
        for (int d = 0; d < D; d++) {
            assertThat(z[0][d]).isCloseTo((v[0][0][d] + v[0][1][d] + v[0][2][d] + v[0][3][d]) / 4, within(1e-12));
            assertThat(z[1][d]).isCloseTo((v[1][0][d] + v[1][1][d]) / 2, within(1e-12));
            assertThat(z[2][d]).isEqualTo(0.0);
        }
    }

    /** a_k = exp(s_k) / sum_j exp(s_j) over valid k, s_k = w0 cos(h, v_k) + w1 p_k (docs/method.md §5). */
    private double[] referenceAttention(int b) {
        double[] s = new double[K];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            if (MASK[b][k] == 1) {
                s[k] = wA[0] * cosine(h[b], v[b][k]) + wA[1] * p[b][k];
                max = Math.max(max, s[k]);
            }
        }
        double sum = 0;
        double[] a = new double[K];
        for (int k = 0; k < K; k++) {
            if (MASK[b][k] == 1) {
                a[k] = Math.exp(s[k] - max);
                sum += a[k];
            }
        }
        for (int k = 0; k < K; k++) {
            a[k] = sum == 0 ? 0 : a[k] / sum;
        }
        return a;
    }

    private static double cosine(double[] x, double[] y) {
        double dot = 0, nx = 0, ny = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return dot / (Math.sqrt(nx) * Math.sqrt(ny));
    }

    private Map<String, INDArray> run(boolean attention) {
        SameDiff sd = SameDiff.create();
        SDVariable hVar = sd.placeHolder("h", DataType.DOUBLE, -1, D);
        SDVariable vVar = sd.placeHolder("v", DataType.DOUBLE, -1, K, D);
        SDVariable pVar = sd.placeHolder("p", DataType.DOUBLE, -1, K);
        SDVariable mVar = sd.placeHolder("m", DataType.DOUBLE, -1, K);
        SDVariable w = attention ? sd.var("w", Nd4j.createFromArray(wA)) : null;
        EntityAttention.build(sd, hVar, vVar, pVar, mVar, w);
        Map<String, INDArray> feed = Map.of(
                "h", Nd4j.createFromArray(h),
                "v", Nd4j.createFromArray(v),
                "p", Nd4j.createFromArray(p),
                "m", Nd4j.createFromArray(MASK));
        return sd.output(feed, "boe.z", "boe.attention_probs");
    }

    private double[][] randomMatrix(int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return m;
    }
}
