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

/** LayerNorm against (x − mean)/sqrt(var + eps)·gamma + beta with the population variance, in Java doubles. */
class LayerNormTest {

    @Test
    void matchesClosedFormWithPopulationVarianceAndConfigEps() {
        double[][] x = {
                {1.0, 2.0, 3.0, 4.0, 10.0},
                {-0.5, 0.25, 7.0, -3.0, 0.0},
                {100.001, 100.002, 99.999, 100.0, 100.003}, // small variance on a large mean
                {5.0, 5.0, 5.0, 5.0, 5.0},                  // zero variance: eps alone keeps it finite
        };
        double[] gamma = {1.0, 0.5, -2.0, 1.5, 0.1};
        double[] beta = {0.0, 1.0, -1.0, 0.25, 3.0};
        for (double eps : new double[]{1e-12, 1e-5}) {
            INDArray y = run(x, gamma, beta, eps);
            for (int r = 0; r < x.length; r++) {
                double[] expected = reference(x[r], gamma, beta, eps);
                for (int c = 0; c < expected.length; c++) {
                    assertThat(y.getDouble(r, c)).as("row %d col %d eps %s", r, c, eps)
                            .isCloseTo(expected[c], within(1e-9 * Math.max(1, Math.abs(expected[c]))));
                }
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
            y[i] = (x[i] - mean) / Math.sqrt(var + eps) * gamma[i] + beta[i];
        }
        return y;
    }

    private static INDArray run(double[][] x, double[] gamma, double[] beta, double eps) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("x", DataType.DOUBLE, -1, x[0].length);
        LayerNorm.normalize(sd, "y", in, sd.constant(Nd4j.createFromArray(gamma)), sd.constant(Nd4j.createFromArray(beta)), eps);
        return sd.outputSingle(Map.of("x", Nd4j.createFromArray(x)), "y");
    }
}
