package org.boe4j.train;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingLogTest {

    @TempDir
    Path tmp;

    @Test
    void writesOneJsonObjectPerLineWithExactDoubles() throws IOException {
        Path f = tmp.resolve("train.jsonl");
        try (TrainingLog log = TrainingLog.create(f)) {
            log.step(1, 0, 1.0 / 3.0, 2e-5, 0.75, 1.0, 32, 100.5);
            log.evaluation(1, 0, new Evaluation(0.8125, Map.of("loss", 0.5)), true);
            log.epoch(0, 1, 0.25, 3.5);
            log.event("checkpoint", 1, Map.of("path", "/x"));
        }
        List<String> lines = Files.readAllLines(f);
        assertThat(lines).hasSize(4);
        List<JsonObject> recs = TrainingLog.read(f);
        assertThat(recs.get(0).get("type").getAsString()).isEqualTo("step");
        assertThat(recs.get(0).get("loss").getAsDouble()).isEqualTo(1.0 / 3.0);
        assertThat(recs.get(1).get("details").getAsJsonObject().get("loss").getAsDouble()).isEqualTo(0.5);
        assertThat(recs.get(1).get("best").getAsBoolean()).isTrue();
        assertThat(recs.get(3).get("path").getAsString()).isEqualTo("/x");
    }

    @Test
    void resumeDropsRecordsAfterTheCheckpointAndATornLastLine() throws IOException {
        Path f = tmp.resolve("train.jsonl");
        try (TrainingLog log = TrainingLog.create(f)) {
            for (int s = 1; s <= 5; s++) {
                log.step(s, 0, s, 0, 0, 1, 1, 1);
            }
        }
        Files.writeString(f, Files.readString(f) + "{\"type\":\"step\",\"st", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        try (TrainingLog log = TrainingLog.resume(f, 3)) {
            log.step(4, 0, 40, 0, 0, 1, 1, 1);
        }
        assertThat(TrainingLog.read(f)).extracting(o -> o.get("loss").getAsDouble()).containsExactly(1.0, 2.0, 3.0, 40.0);
    }

    @Test
    void aBrokenLineInTheMiddleIsAnErrorNamingTheLine() throws IOException {
        Path f = tmp.resolve("train.jsonl");
        Files.writeString(f, "{\"type\":\"step\",\"step\":1}\nnot json\n{\"type\":\"step\",\"step\":2}\n");
        assertThatThrownBy(() -> TrainingLog.resume(f, 5)).hasMessageContaining("train.jsonl:2");
    }
}
