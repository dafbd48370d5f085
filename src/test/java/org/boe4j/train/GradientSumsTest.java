package org.boe4j.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link GradientSums}: adoption without a buffer, in-place sums, freeing, and the contract errors. */
class GradientSumsTest {

    @Test
    void firstGradientIsAdoptedLaterOnesAreAddedAndFreed() {
        GradientSums sums = new GradientSums(List.of("w", "b"));
        INDArray w1 = Nd4j.createFromArray(1f, 2f, 3f);
        INDArray w2 = Nd4j.createFromArray(0.5f, -2f, 10f);
        sums.add("w", w1);
        sums.add("w", w2);
        sums.add("b", Nd4j.createFromArray(4f));
        assertThat(sums.sums().get("w")).isSameAs(w1);                        // no copy, no zero buffer
        assertThat(sums.sums().get("w").toFloatVector()).containsExactly(1.5f, 0f, 13f);
        assertThat(w2.wasClosed()).isTrue();                                  // freed as soon as it was summed
        sums.scale(0.5);
        assertThat(sums.sums().get("w").toFloatVector()).containsExactly(0.75f, 0f, 6.5f);
        sums.close();
        assertThat(w1.wasClosed()).isTrue();
        sums.add("b", Nd4j.createFromArray(1f));                               // ready for the next step
        assertThatThrownBy(sums::sums).hasMessageContaining("no gradient was added for 1").hasMessageContaining("w");
    }

    @Test
    void theSameArrayUnderTwoNamesIsCopiedNotShared() {
        GradientSums sums = new GradientSums(List.of("a", "b"));
        INDArray g = Nd4j.createFromArray(1f, 1f);
        sums.add("a", g);
        sums.add("b", g);
        sums.add("a", Nd4j.createFromArray(1f, 1f));
        assertThat(sums.sums().get("b").toFloatVector()).containsExactly(1f, 1f);
        assertThat(sums.sums().get("a").toFloatVector()).containsExactly(2f, 2f);
    }

    @Test
    void aGradientForAnUntrainedNameIsRefused() {
        GradientSums sums = new GradientSums(List.of("w"));
        assertThatThrownBy(() -> sums.add("frozen", Nd4j.createFromArray(1f)))
                .hasMessageContaining("frozen").hasMessageContaining("not trained");
    }
}
