package org.boe4j.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The rescaling of initial entity vectors, against values worked out by hand. */
class EntityNormTest {

    @Test
    void rowsKeepTheirDirectionAndGetTheTargetLength() {
        // rows (3, 4) |5|, (0, 0) stays zero, (-1, 0) |1|; 0.5 -> (0.3, 0.4), (0, 0), (-0.5, 0)
        float[] data = {3, 4, 0, 0, -1, 0};
        EntityNorm.parse("0.5").apply(data, 2, Double.NaN);
        assertThat(data).containsExactly(new float[]{0.3f, 0.4f, 0f, 0f, -0.5f, 0f}, within(1e-7f));
    }

    @Test
    void aFractionOfHScalesByTheMeanDocumentNorm() {
        // 0.1h with mean |h| = 20: target 2; row (0, 8) -> (0, 2)
        float[] data = {0, 8};
        EntityNorm n = EntityNorm.parse("0.1h");
        assertThat(n.target(20)).isCloseTo(2.0, within(1e-12));
        n.apply(data, 2, 20);
        assertThat(data).containsExactly(new float[]{0f, 2f}, within(1e-7f));
    }

    @Test
    void rawChangesNothingAndBadTextIsRefused() {
        float[] data = {3, 4};
        EntityNorm.parse("raw").apply(data, 2, 11.9);
        assertThat(data).containsExactly(3f, 4f);
        assertThat(EntityNorm.parse("0.55").cliForm()).isEqualTo("0.55");
        assertThat(EntityNorm.parse("0.05h").cliForm()).isEqualTo("0.05h");
        assertThatThrownBy(() -> EntityNorm.parse("big")).hasMessageContaining("expected raw, a number");
        assertThatThrownBy(() -> EntityNorm.parse("-1")).hasMessageContaining("must be > 0");
    }
}
