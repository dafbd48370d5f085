package org.boe4j.model;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The decision rule of eqs. (5)-(6) on rows worked out by hand. */
class TaskTypeTest {

    private static final List<String> LABELS = List.of("a", "b", "c", "d");

    @Test
    void singleLabelIsTheArgMaxAndTheFirstOfEqualMaxima() {
        assertThat(TaskType.SINGLE_LABEL.predictedLabels(new double[]{0.1, 0.2, 0.6, 0.1}, LABELS, 0.5))
                .containsExactly("c");
        // the threshold plays no part: 0.3 < 0.5 is still the prediction
        assertThat(TaskType.SINGLE_LABEL.predictedLabels(new double[]{0.3, 0.25, 0.25, 0.2}, LABELS, 0.5))
                .containsExactly("a");
        float[] tie = {0.25f, 0.3f, 0.3f, 0.15f};
        assertThat(TaskType.SINGLE_LABEL.predictedIndices(new double[]{tie[0], tie[1], tie[2], tie[3]}, 0.5))
                .containsExactly(1);
        // ND4J's argMax, which the experiment runner used before, breaks the tie the same way
        assertThat(Nd4j.createFromArray(new float[][]{tie}).argMax(1).getInt(0)).isEqualTo(1);
    }

    @Test
    void multiLabelKeepsEveryLabelAtOrAboveTheThreshold() {
        assertThat(TaskType.MULTI_LABEL.predictedLabels(new double[]{0.5, 0.49, 0.9, 0.5000001}, LABELS,
                TaskType.DEFAULT_THRESHOLD)).containsExactly("a", "c", "d");
        assertThat(TaskType.MULTI_LABEL.predictedLabels(new double[]{0.1, 0.2, 0.3, 0.4}, LABELS, 0.5)).isEmpty();
        assertThat(TaskType.MULTI_LABEL.predictedLabels(new double[]{0.1, 0.2, 0.3, 0.4}, LABELS, 0.25))
                .containsExactly("c", "d");
    }

    @Test
    void aRowOfAnotherLengthThanTheLabelsIsRefused() {
        assertThatThrownBy(() -> TaskType.MULTI_LABEL.predictedLabels(new double[]{0.9, 0.9}, LABELS, 0.5))
                .hasMessageContaining("2 probabilities for 4 labels");
    }
}
