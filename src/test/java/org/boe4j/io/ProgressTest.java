package org.boe4j.io;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void slowRatesKeepTwoSignificantDigits() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress progress = new Progress("encoding", 100, "docs", new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Thread.sleep(1100);          // > 1 s, so 1 doc means a rate below 1 doc/s
        progress.update(1);
        progress.close();
        String line = bytes.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("encoding   1.0% 1 docs/100 docs  0.").contains(" docs/s  done in ");
        assertThat(line).doesNotContain(" 0 docs/s");
    }

    @Test
    void durationsRoundToSecondsMinutesAndHours() {
        assertThat(Progress.duration(59.4)).isEqualTo("59s");
        assertThat(Progress.duration(61)).isEqualTo("1m01s");
        assertThat(Progress.duration(3 * 3600 + 7 * 60 + 5)).isEqualTo("3h07m");
    }
}
