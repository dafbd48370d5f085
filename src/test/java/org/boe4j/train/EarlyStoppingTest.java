package org.boe4j.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingTest {

    @Test
    void maxModeCountsEvaluationsWithoutImprovement() {
        EarlyStopping es = new EarlyStopping(2, EarlyStopping.Mode.MAX, 0.0);
        assertThat(es.record(0.5, 10)).isTrue();
        assertThat(es.record(0.6, 20)).isTrue();
        assertThat(es.record(0.6, 30)).isFalse(); // a tie is not an improvement
        assertThat(es.shouldStop()).isFalse();
        assertThat(es.record(0.55, 40)).isFalse();
        assertThat(es.shouldStop()).isTrue();
        assertThat(es.state()).isEqualTo(new EarlyStopping.State(0.6, 20, 2));
    }

    @Test
    void minModeAndMinDelta() {
        EarlyStopping es = new EarlyStopping(1, EarlyStopping.Mode.MIN, 0.01);
        assertThat(es.record(1.0, 1)).isTrue();
        assertThat(es.record(0.995, 2)).isFalse(); // better by less than minDelta
        assertThat(es.shouldStop()).isTrue();
        assertThat(es.state().bestStep()).isEqualTo(1);
    }

    @Test
    void nanNeverImprovesAndStateRestores() {
        EarlyStopping es = new EarlyStopping(3, EarlyStopping.Mode.MAX, 0.0);
        assertThat(es.record(Double.NaN, 1)).isFalse();
        assertThat(es.state().bestMetric()).isNull();
        es.record(0.4, 2);
        EarlyStopping other = new EarlyStopping(3, EarlyStopping.Mode.MAX, 0.0);
        other.restore(es.state());
        assertThat(other.record(0.39, 3)).isFalse();
        assertThat(other.state()).isEqualTo(new EarlyStopping.State(0.4, 2, 1));
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new EarlyStopping(0, EarlyStopping.Mode.MAX, 0)).hasMessageContaining("patience");
        assertThatThrownBy(() -> new EarlyStopping(1, EarlyStopping.Mode.MAX, -1)).hasMessageContaining("minDelta");
    }
}
