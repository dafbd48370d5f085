package org.boe4j.nn;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Both softmax forms against a Java double reference, on rows that overflow a naive exp (+800), that underflow it
 * (−800, where 1.0.0-M2.1's own DOUBLE softmax gives NaN) and on BERT's masked rows (−10000 added); and the
 * constant-shift form's gradient against the max-shift form's, which SameDiff differentiates through max.
 */
class SoftmaxTest {

    static final double[][] ROWS = {
            {1.0, 2.0, 3.0, -1.5},
            {800.0, 799.0, 801.5, 795.0},
            {-800.0, -801.0, -799.25, -805.0},
            {0.3, -10000.0 + 0.7, -10000.0 - 2.0, 1.1},
            {-3.7, -3.7, -3.7, -3.7},
    };

    static double[] reference(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = Math.exp(x[i] - max);
            sum += e[i];
        }
        for (int i = 0; i < x.length; i++) {
            e[i] /= sum;
        }
        return e;
    }

    @Test
    void bothFormsMatchTheReferenceOnLargeSmallAndMaskedRows() {
        for (boolean constantShift : new boolean[]{false, true}) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 4);
            if (constantShift) {
                Softmax.applyWithConstantShift(sd, "p", x, 1, DataType.DOUBLE);
            } else {
                Softmax.apply(sd, "p", x, 1);
            }
            INDArray p = sd.outputSingle(Map.of("x", Nd4j.createFromArray(ROWS)), "p");
            for (int r = 0; r < ROWS.length; r++) {
                double[] expected = reference(ROWS[r]);
                for (int c = 0; c < 4; c++) {
                    assertThat(p.getDouble(r, c)).as("row %d col %d constant shift %s", r, c, constantShift)
                            .isCloseTo(expected[c], within(1e-14));
                }
            }
        }
    }

    @Test
    void constantShiftGivesTheSameGradientWithoutDifferentiatingTheMax() {
        Nd4j.getRandom().setSeed(4);
        INDArray w = Nd4j.rand(DataType.DOUBLE, 5, 4).subi(0.5);
        INDArray[] grads = new INDArray[2];
        for (int k = 0; k < 2; k++) {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("x", Nd4j.createFromArray(ROWS));
            SDVariable p = k == 0 ? Softmax.apply(sd, "p", x, 1)
                    : Softmax.applyWithConstantShift(sd, "p", x, 1, DataType.DOUBLE);
            p.mul(sd.constant(w)).sum().rename("loss");
            sd.setLossVariables("loss");
            grads[k] = Backprop.gradients(sd, Map.of(), List.of("x")).get("x");
            List<String> backwardOps = sd.getFunction("grad").getOps().values().stream()
                    .map(op -> op.getOp().opName()).toList();
            assertThat(backwardOps.contains("reduce_max_bp")).as("max differentiated, form %d", k).isEqualTo(k == 0);
        }
        assertThat(grads[0].amaxNumber().doubleValue()).isGreaterThan(1e-3);
        for (long i = 0; i < grads[0].length(); i++) {
            assertThat(grads[1].getDouble(i)).as("element %d", i).isCloseTo(grads[0].getDouble(i), within(1e-15));
        }
    }
}
