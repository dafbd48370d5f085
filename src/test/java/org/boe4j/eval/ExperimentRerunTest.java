package org.boe4j.eval;

import org.boe4j.data.BadRowPolicy;
import org.boe4j.model.ModelVariant;
import org.boe4j.train.AdamWConfig;
import org.boe4j.train.TrainerConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Re-running an experiment (issue 16, defects 3 and 17): a finished run is reused only with the same inputs, else
 * refused naming what changed (or recomputed with --restart); a resumed run says so; a failed first attempt leaves
 * no empty run directory. Frozen encoder, tiny random encoder, the synthetic MLDoc fixture: seconds.
 */
class ExperimentRerunTest {

    @TempDir
    static Path shared;
    static Path weights;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyEncoder() throws Exception {
        weights = TinyEncoder.create(shared.resolve("tiny-bert"));
    }

    private ExperimentData data(Path mldoc) throws Exception {
        Files.createDirectories(mldoc);
        for (String f : List.of("english.train.8", "english.dev", "french.test")) {
            if (!Files.exists(mldoc.resolve(f))) {
                ExperimentDataTest.copy("org/boe4j/data/mldoc/" + f, mldoc.resolve(f));
            }
        }
        Files.copy(mldoc.resolve("english.dev"), mldoc.resolve("english.test"),
                StandardCopyOption.REPLACE_EXISTING);
        return ExperimentData.mldoc(mldoc, ExperimentTask.DOC, BadRowPolicy.FAIL,
                new ExperimentData.Splits("train.8", "dev", "test"));
    }

    private ExperimentPlan plan(ExperimentData data, int epochs) {
        return plan(data, epochs, 16);
    }

    private ExperimentPlan plan(ExperimentData data, int epochs, int maxEntities) {
        return new ExperimentPlan("rerun", dir.resolve("runs/rerun"), weights, shared.resolve("icu.boe4jkb"), data,
                "en", List.of("fr"), List.of(ModelVariant.BASELINE), List.of(1L), true, 32, maxEntities,
                TrainerConfig.defaults().withEpochs(epochs).withBatching(4, 1).withPatience(2)
                        .withOptimizer(AdamWConfig.defaults().withLearningRate(1e-2)), SaveModels.NONE, null);
    }

    private static String run(ExperimentPlan plan, boolean restart) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Experiment(plan, new PrintStream(bytes, true, StandardCharsets.UTF_8), restart).run();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFinishedRunIsReusedOnlyWithTheSameInputs() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        run(plan(data(mldoc), 2), false);
        Path seedDir = dir.resolve("runs/rerun/runs/baseline/seed-1");
        String firstResult = Files.readString(seedDir.resolve("result.json"));

        String again = run(plan(data(mldoc), 2), false);
        assertThat(again).contains("resuming " + dir.resolve("runs/rerun") + ": 1 of 1 runs finished earlier")
                .contains("== baseline seed 1: done earlier with the same inputs");

        // more epochs: refused, naming the setting and the ways on; the old numbers stay
        assertThatThrownBy(() -> run(plan(data(mldoc), 3), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(seedDir + " (finished) was computed from other inputs than this invocation's:"
                        + " epochs: 2 -> 3.")
                .hasMessageContaining("another --name").hasMessageContaining("--restart");
        // other training data: refused, naming the file
        Files.writeString(mldoc.resolve("english.train.8"), Files.readString(mldoc.resolve("english.train.8"))
                .replaceFirst("\t", "\tVery "));
        assertThatThrownBy(() -> run(plan(data(mldoc), 2), false))
                .hasMessageContaining("data sha256 " + mldoc.resolve("english.train.8") + ": ")
                .hasMessageContaining("texts and labels sha256 en train.8: ");
        assertThat(Files.readString(seedDir.resolve("result.json"))).isEqualTo(firstResult);

        // --restart recomputes it, and the results then match the inputs recorded
        String restarted = run(plan(data(mldoc), 3), true);
        assertThat(restarted).contains("== baseline seed 1: its inputs changed (").contains("--restart: discarding");
        assertThat(Files.readString(seedDir.resolve(RunInputs.FILE_NAME))).contains("\"epochs\": \"3\"");
        assertThat(run(plan(data(mldoc), 3), false)).contains("done earlier with the same inputs");
    }

    @Test
    void aBaselineRunDoesNotDependOnTheEntityInputs() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        run(plan(data(mldoc), 2), false);
        Path inputs = dir.resolve("runs/rerun/runs/baseline/seed-1").resolve(RunInputs.FILE_NAME);
        assertThat(Files.readString(inputs)).doesNotContain("kb sha256").doesNotContain("max entities per document")
                .doesNotContain("entity vectors");
        // another bag size changes no baseline number: the finished run is reused
        assertThat(run(plan(data(mldoc), 2, 4), false)).contains("== baseline seed 1: done earlier with the same inputs");
        // a baseline recorded with the entity inputs (as every run was before they were kept apart) is reused too
        Files.writeString(inputs, Files.readString(inputs).replaceFirst("\\{", "{\n  \"kb sha256\": \"0123\","
                + "\n  \"max entities per document\": \"64\","));
        assertThat(RunInputs.read(inputs).values()).containsEntry("kb sha256", "0123");
        assertThat(run(plan(data(mldoc), 2), false)).contains("== baseline seed 1: done earlier with the same inputs");
    }

    @Test
    void anInterruptedRunSaysItResumesAndFromWhere() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        run(plan(data(mldoc), 2), false);
        Path seedDir = dir.resolve("runs/rerun/runs/baseline/seed-1");
        Files.delete(seedDir.resolve("result.json")); // as if killed after the last checkpoint
        String out = run(plan(data(mldoc), 2), false);
        assertThat(out).contains("0 of 1 runs finished earlier, 1 continue from their last checkpoint")
                .containsPattern("== baseline seed 1: resuming from .*checkpoints/step-0+\\d+ \\(step \\d+, epoch \\d of 2\\)");
        assertThat(seedDir.resolve("result.json")).isRegularFile();
    }

    @Test
    void aFailedFirstAttemptLeavesNoRunDirectory() throws Exception {
        Path mldoc = dir.resolve("mldoc");
        ExperimentData data = data(mldoc);
        Files.delete(mldoc.resolve("french.test"));
        assertThatThrownBy(() -> run(plan(data, 2), false)).hasMessageContaining("french.test");
        assertThat(dir.resolve("runs")).doesNotExist();
    }
}
