package org.boe4j.bert;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * LayerNorm against (x − mean)/sqrt(var + eps)·gamma + beta with the population variance, in Java doubles: the
 * primitive form with the configured eps, and libnd4j's fused op (used for eps ≤ {@link LayerNorm#NATIVE_EPS_LIMIT})
 * as that closed form with eps = 0.
 */
class LayerNormTest {

    static final double[][] X = {
                {1.0, 2.0, 3.0, 4.0, 10.0},
                {-0.5, 0.25, 7.0, -3.0, 0.0},
                {100.001, 100.002, 99.999, 100.0, 100.003}, // small variance on a large mean
                {5.0, 5.0, 5.0, 5.0, 5.0},                  // zero variance: eps alone keeps it finite
    };
    static final double[] GAMMA = {1.0, 0.5, -2.0, 1.5, 0.1};
    static final double[] BETA = {0.0, 1.0, -1.0, 0.25, 3.0};

    @Test
    void primitiveFormMatchesClosedFormWithPopulationVarianceAndConfigEps() {
        for (double eps : new double[]{1e-12, 1e-5}) {
            assertRowsMatch(run(X, GAMMA, BETA, (sd, in, g, b) -> LayerNorm.primitive(sd, "y", in, g, b, eps)), eps);
        }
    }

    @Test
    void fusedOpIsTheClosedFormWithoutEps() {
        // measured property of libnd4j 1.0.0-M2.1's layer_norm: no eps at all; the zero-variance row gives beta
        assertRowsMatch(run(X, GAMMA, BETA, (sd, in, g, b) -> LayerNorm.fused(sd, "y", in, g, b)), 0);
    }

    @Test
    void normalizeUsesTheFusedOpOnlyWhereEpsIsNegligible() {
        assertRowsMatch(run(X, GAMMA, BETA, 1e-12), 0);   // BERT's eps: the fused op
        assertRowsMatch(run(X, GAMMA, BETA, 1e-5), 1e-5); // a larger eps is honoured exactly
    }

    private static void assertRowsMatch(INDArray y, double eps) {
        for (int r = 0; r < X.length; r++) {
            double[] expected = reference(X[r], GAMMA, BETA, eps);
            for (int c = 0; c < expected.length; c++) {
                assertThat(y.getDouble(r, c)).as("row %d col %d eps %s", r, c, eps)
                        .isCloseTo(expected[c], within(1e-9 * Math.max(1, Math.abs(expected[c]))));
            }
        }
    }

    @Test
    void epsilonIsTheConfiguredOne() {
        // Variance 0.25 per row: with eps 1e-12 the normalised values are ±1; with eps 0.75 they are ±0.5.
        double[][] x = {{1.0, 2.0, 1.0, 2.0}};
        double[] ones = {1, 1, 1, 1};
        double[] zeros = {0, 0, 0, 0};
        assertThat(run(x, ones, zeros, 1e-12).getDouble(0, 0)).isCloseTo(-1.0, within(1e-9));
        assertThat(run(x, ones, zeros, 0.75).getDouble(0, 0)).isCloseTo(-0.5, within(1e-12));
    }

    static double[] reference(double[] x, double[] gamma, double[] beta, double eps) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean);
        }
        var /= x.length; // population (biased) variance
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double centred = x[i] - mean;
            y[i] = (centred == 0 ? 0 : centred / Math.sqrt(var + eps)) * gamma[i] + beta[i];
        }
        return y;
    }

    private static INDArray run(double[][] x, double[] gamma, double[] beta, double eps) {
        return run(x, gamma, beta, (sd, in, g, b) -> LayerNorm.normalize(sd, "y", in, g, b, eps));
    }

    private interface Form {
        SDVariable apply(SameDiff sd, SDVariable x, SDVariable gamma, SDVariable beta);
    }

    private static INDArray run(double[][] x, double[] gamma, double[] beta, Form form) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, x[0].length);
        form.apply(sd, in, sd.constant(Nd4j.createFromArray(gamma)), sd.constant(Nd4j.createFromArray(beta)));
        return sd.outputSingle(Map.of("x", Nd4j.createFromArray(x)), "y");
    }
}
