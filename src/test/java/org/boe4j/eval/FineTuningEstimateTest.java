package org.boe4j.eval;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The fine-tuning estimate comes from measured steps (issue 16, defect 14), computed by hand here. */
class FineTuningEstimateTest {

    @Test
    void theEstimateExtrapolatesTheMeasuredSecondStep() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // 30 steps; dev 10 docs x 3 evaluations + 20 test docs = 50 inference documents at 0.1 s; 2 runs
        FineTuningEstimate e = new FineTuningEstimate(30, 50, 0.1, 2, new PrintStream(bytes, true,
                StandardCharsets.UTF_8), clock::get);
        e.runStarted();
        clock.addAndGet(12_000_000_000L); // building + first step: 12 s
        e.afterStep(1);
        assertThat(bytes.size()).isZero();
        clock.addAndGet(4_000_000_000L); // second step: 4 s
        e.afterStep(2);
        // per run = 12 + 29 x 4 + 50 x 0.1 = 133 s; 2 runs = 266 s
        assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith("measured: the first training step took 12.0 s"
                + " (loading and graph building included), the next 4.0 s; estimated duration of the 2 fine-tuning"
                + " run(s) left: 4m26s (30 steps each");
        assertThat(e.wanted()).isFalse();
        e.afterStep(3);
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void aOneStepRunIsEstimatedFromThatStep() {
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FineTuningEstimate e = new FineTuningEstimate(1, 0, 0.1, 3, new PrintStream(bytes, true,
                StandardCharsets.UTF_8), clock::get);
        e.runStarted();
        clock.addAndGet(40_000_000_000L);
        e.afterStep(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("run(s) left: 2m00s");
    }
}
