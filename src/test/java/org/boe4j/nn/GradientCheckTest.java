package org.boe4j.nn;

import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class GradientCheckTest {

    /**
     * dense(4->5) + tanh + dense(5->3) + softmax cross-entropy, built in float32 and checked in double, 8 elements
     * per variable (a SameDiff forward pass costs ~0.1 s on the shared test machine).
     */
    @Test
    void sameDiffDenseTanhSoftmaxGraphPasses() {
        Nd4j.getRandom().setSeed(17);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 4);
        SDVariable y = sd.placeHolder("y", DataType.FLOAT, -1, 3);
        SDVariable w1 = sd.var("dense.weight", Nd4j.rand(DataType.FLOAT, 4, 5).subi(0.5));
        SDVariable b1 = sd.var("dense.bias", Nd4j.rand(DataType.FLOAT, 5).subi(0.5));
        SDVariable w2 = sd.var("classifier.weight", Nd4j.rand(DataType.FLOAT, 5, 3).subi(0.5).muli(2));
        SDVariable b2 = sd.var("classifier.bias", Nd4j.rand(DataType.FLOAT, 3).subi(0.5));
        SDVariable h = sd.math.tanh(x.mmul(w1).add(b1));                 // [B, 5]
        SDVariable logits = h.mmul(w2).add(b2);                          // [B, 3]
        sd.loss.softmaxCrossEntropy("loss", y, logits, null);

        INDArray xs = Nd4j.rand(DataType.FLOAT, 6, 4).subi(0.5).muli(3);
        INDArray ys = Nd4j.zeros(DataType.FLOAT, 6, 3);
        for (int i = 0; i < 6; i++) {
            ys.putScalar(i, i % 3, 1.0);
        }
        Map<String, Double> err = GradientCheck.check(sd, "loss", Map.of("x", xs, "y", ys), 1e-6, 1e-9, 8);
        System.out.println("SameDiff gradient check, max relative error per variable: " + err);
        assertThat(err).containsOnlyKeys("dense.weight", "dense.bias", "classifier.weight", "classifier.bias");
        assertThat(err.values()).allSatisfy(e -> assertThat(e).isLessThan(1e-5));
        assertThat(sd.getVariable("dense.weight").dataType()).isEqualTo(DataType.DOUBLE);
    }

    /** The checker must notice a wrong gradient: here dL/dw of L = sum(w^3) given as 3w instead of 3w^2. */
    @Test
    void aWrongGradientIsReported() {
        INDArray w = Nd4j.createFromArray(0.5, -1.5, 2.0);
        Map<String, INDArray> params = Map.of("w", w);
        Map<String, INDArray> right = Map.of("w", w.mul(w).muli(3));
        Map<String, INDArray> wrong = Map.of("w", w.mul(3));
        DoubleSupplier loss = () -> w.mul(w).muli(w).sumNumber().doubleValue();
        assertThat(GradientCheck.check(params, right, loss, 1e-6, 1e-9).get("w")).isLessThan(1e-8);
        // 3w vs 3w^2 at w = 2: |6 - 12| / 12 = 0.5; at w = -1.5: |-4.5 - 6.75| / 6.75 = 1.67
        assertThat(GradientCheck.check(params, wrong, loss, 1e-6, 1e-9).get("w")).isCloseTo(11.25 / 6.75,
                Offset.offset(1e-6));
        assertThat(w.toDoubleVector()).containsExactly(0.5, -1.5, 2.0); // restored after perturbation
        // sampling 2 of 3 elements checks the first and the last (w = 0.5 and 2): max error |6 - 12| / 12
        assertThat(GradientCheck.check(params, wrong, loss, 1e-6, 1e-9, 2).get("w")).isCloseTo(0.5,
                Offset.offset(1e-6));
    }

    @Test
    void tinyGradientsBelowTheAbsoluteToleranceCountAsAgreeing() {
        assertThat(GradientCheck.relativeError(1e-12, -1e-12, 1e-9)).isZero();
        assertThat(GradientCheck.relativeError(1.0, 1.1, 1e-9)).isCloseTo(0.1 / 1.1, Offset.offset(1e-12));
    }

    @Test
    void floatParametersAreRefused() {
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put("w", Nd4j.zeros(DataType.FLOAT, 2));
        Assertions.assertThatThrownBy(() -> GradientCheck.check(params, params, () -> 0, 1e-6, 0))
                .hasMessageContaining("need DOUBLE, found FLOAT");
    }
}
