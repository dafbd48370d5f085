package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Losses and probabilities of the two heads against values computed by hand (see each comment). */
class ClassifierHeadTest {

    /** W = [[1, 0], [0, 1], [1, 1]], b = [0, 0, -1]; x = [[1, 2], [0, 0]] -> logits [[1, 2, 2], [0, 0, -1]]. */
    private static final double[][] X = {{1, 2}, {0, 0}};

    @Test
    void singleLabelCrossEntropy() {
        // row 0, label 1: logits (1, 2, 2): log-sum-exp = ln(e + 2 e^2) = 2.861994804058251; -log p_1 = 0.861994804058251
        // row 1, label 2: logits (0, 0, -1): lse = ln(2 + e^-1) = 0.861994804058251; -log p_2 = 1.861994804058251
        // mean = 1.361994804058251
        Map<String, INDArray> out = run(TaskType.SINGLE_LABEL, new double[][]{{0, 1, 0}, {0, 0, 1}});
        assertThat(out.get(ClassifierHead.LOSS).getDouble(0)).isCloseTo(1.361994804058251, within(1e-12));
        assertThat(out.get(ClassifierHead.PROBABILITIES).getDouble(0, 1))
                .isCloseTo(Math.exp(2) / (Math.E + 2 * Math.exp(2)), within(1e-12));
    }

    @Test
    void multiLabelBinaryCrossEntropy() {
        // row 0 targets (1, 0, 1) on logits (1, 2, 2): ln(1+e^-1) + ln(1+e^2) + ln(1+e^-2)
        //   = 0.313261687518223 + 2.126928011042973 + 0.126928011042973
        // row 1 targets (0, 0, 0) on logits (0, 0, -1): 2 ln 2 + ln(1+e^-1) = 1.386294361119891 + 0.313261687518223
        // mean over 6 = 4.266673758242283 / 6 = 0.711112293040381
        Map<String, INDArray> out = run(TaskType.MULTI_LABEL, new double[][]{{1, 0, 1}, {0, 0, 0}});
        assertThat(out.get(ClassifierHead.LOSS).getDouble(0)).isCloseTo(0.711112293040381, within(1e-12));
        assertThat(out.get(ClassifierHead.PROBABILITIES).getDouble(1, 2)).isCloseTo(1 / (1 + Math.E), within(1e-12));
    }

    @Test
    void binaryCrossEntropyDoesNotOverflowOnLargeLogits() {
        SameDiff sd = SameDiff.create();
        SDVariable logits = sd.placeHolder("l", DataType.FLOAT, -1, -1);
        ClassifierHead.loss(sd, logits, TaskType.MULTI_LABEL, DataType.FLOAT);
        INDArray loss = sd.output(Map.of("l", Nd4j.createFromArray(new float[][]{{500f, -500f}}),
                ClassifierHead.LABELS, Nd4j.createFromArray(new float[][]{{0f, 0f}})), ClassifierHead.LOSS)
                .get(ClassifierHead.LOSS);
        // (500 + 0) / 2: the naive log(1 + exp(500)) would be infinite in float
        assertThat(loss.getDouble(0)).isCloseTo(250.0, within(1e-3));
    }

    private static Map<String, INDArray> run(TaskType task, double[][] labels) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.DOUBLE, -1, 2);
        SDVariable logits = ClassifierHead.build(sd, x, 2, 3, task, 0.02, DataType.DOUBLE);
        sd.getVariable(ClassifierHead.WEIGHT).setArray(Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}, {1, 1}}));
        sd.getVariable(ClassifierHead.BIAS).setArray(Nd4j.createFromArray(0.0, 0.0, -1.0));
        ClassifierHead.loss(sd, logits, task, DataType.DOUBLE);
        return sd.output(Map.of("x", Nd4j.createFromArray(X), ClassifierHead.LABELS, Nd4j.createFromArray(labels)),
                ClassifierHead.LOSS, ClassifierHead.PROBABILITIES);
    }
}
