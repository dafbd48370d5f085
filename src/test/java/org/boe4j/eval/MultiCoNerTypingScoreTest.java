package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.boe4j.data.BadRowPolicy;
import org.boe4j.data.Dataset;
import org.boe4j.data.MultiCoNer;
import org.boe4j.data.MultiCoNerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Micro-F1 of the typing task on the real en-dev rows of the MultiCoNER fixture, against a hand computation. */
class MultiCoNerTypingScoreTest {

    @TempDir
    Path dir;

    @Test
    void microF1OverTheFiveEnglishDevMentionsByHand() throws Exception {
        MultiCoNerTest.copyFixture(dir);
        Dataset dev = MultiCoNer.read(dir, "en", "dev", BadRowPolicy.FAIL);
        List<String> labels = dev.labels();
        // gold, read off en-dev.conll: eli lilly {PER, OtherPER}; eli lilly and company {GRP, PublicCorp};
        // christoph haberland {PER, OtherPER}; pulpit {PROD, OtherPROD}; italy {LOC, HumanSettlement}
        assertThat(dev.examples()).extracting(e -> e.labels()).containsExactly(List.of("PER", "OtherPER"),
                List.of("GRP", "PublicCorp"), List.of("PER", "OtherPER"), List.of("PROD", "OtherPROD"),
                List.of("LOC", "HumanSettlement"));
        float[][] p = new float[5][labels.size()];
        set(p[0], labels, "PER", 0.9f, "OtherPER", 0.6f);                     // TP 2
        set(p[1], labels, "GRP", 0.7f, "PrivateCorp", 0.55f, "PublicCorp", 0.3f); // TP 1, FP 1, FN 1
        set(p[2], labels, "PER", 0.5f, "Artist", 0.8f);                       // 0.5 >= threshold: TP 1, FP 1, FN 1
        set(p[3], labels, "PROD", 0.49f);                                     // FN 2
        set(p[4], labels, "LOC", 0.99f, "HumanSettlement", 0.51f, "Facility", 0.49f); // TP 2
        ExperimentTask.Scores s = ExperimentTask.TYPING.score(dev.examples(), labels,
                Nd4j.create(p).castTo(DataType.FLOAT));
        // TP 6, FP 2, FN 4: P = 6/8, R = 6/10, F1 = 2·6 / (2·6 + 2 + 4) = 12/18
        assertThat(s.details().get("micro_precision")).isCloseTo(0.75, within(1e-12));
        assertThat(s.details().get("micro_recall")).isCloseTo(0.6, within(1e-12));
        assertThat(s.metric()).isCloseTo(12.0 / 18.0, within(1e-12));
        assertThat(s.predicted().get(1)).containsExactly("GRP", "PrivateCorp");
        assertThat(s.predicted().get(3)).isEmpty();
    }

    private static void set(float[] row, List<String> labels, Object... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            row[labels.indexOf((String) pairs[i])] = (Float) pairs[i + 1];
        }
    }
}
