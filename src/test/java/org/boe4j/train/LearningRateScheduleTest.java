package org.boe4j.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exact values of HF's get_linear_schedule_with_warmup (worked out by hand from its formula). */
class LearningRateScheduleTest {

    @Test
    void linearWarmupThenDecayExactValues() {
        LearningRateSchedule s = LearningRateSchedule.linear(4, 10);
        double[] expected = {0.0, 0.25, 0.5, 0.75, 1.0, 5 / 6.0, 4 / 6.0, 3 / 6.0, 2 / 6.0, 1 / 6.0, 0.0, 0.0};
        for (int step = 0; step < expected.length; step++) {
            assertThat(s.multiplier(step)).as("step %d", step).isEqualTo(expected[step]);
        }
    }

    @Test
    void noWarmupStartsAtPeak() {
        LearningRateSchedule s = LearningRateSchedule.linear(0, 4);
        assertThat(s.multiplier(0)).isEqualTo(1.0);
        assertThat(s.multiplier(1)).isEqualTo(0.75);
        assertThat(s.multiplier(4)).isEqualTo(0.0);
    }

    @Test
    void warmupFractionRoundsUpLikeHf() {
        assertThat(LearningRateSchedule.linearWithWarmupFraction(0.1, 25)).isEqualTo(LearningRateSchedule.linear(3, 25));
        assertThat(LearningRateSchedule.linearWithWarmupFraction(0.1, 20)).isEqualTo(LearningRateSchedule.linear(2, 20));
    }

    @Test
    void constantIsOne() {
        assertThat(LearningRateSchedule.constant().multiplier(0)).isEqualTo(1.0);
        assertThat(LearningRateSchedule.constant().multiplier(123456)).isEqualTo(1.0);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> LearningRateSchedule.linear(5, 4)).hasMessageContaining("warmupSteps=5");
        assertThatThrownBy(() -> LearningRateSchedule.linearWithWarmupFraction(1.5, 4)).hasMessageContaining("1.5");
    }
}
