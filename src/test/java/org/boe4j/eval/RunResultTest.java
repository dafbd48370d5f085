package org.boe4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code result.json} as the runner wrote it before {@link RunResult} existed (a JsonObject built key by key, printed
 * by Gson) is read into the record and written back byte for byte, so finished runs keep resuming.
 */
class RunResultTest {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    @TempDir
    Path dir;

    /** The old runner's JsonObject: keys in its order, numbers as it added them. */
    private static JsonObject oldDocResult() {
        JsonObject result = new JsonObject();
        result.addProperty("variant", "boe");
        result.addProperty("seed", 2L);
        result.addProperty("steps", 46L);
        result.addProperty("best_dev_accuracy", 0.8333333333333334);
        result.addProperty("best_step", 23L);
        JsonObject fr = new JsonObject();
        fr.addProperty("accuracy", 0.75);
        fr.addProperty("macro_f1", 0.7333333333333334);
        fr.add("confusion", PRETTY.toJsonTree(new long[][]{{2, 1}, {0, 1}}));
        fr.addProperty("documents", 4);
        JsonObject langs = new JsonObject();
        langs.add("fr", fr);
        result.add("languages", langs);
        return result;
    }

    @Test
    void aDocResultOfTheOldRunnerIsReadAndWrittenBackUnchanged() throws Exception {
        Path file = dir.resolve("result.json");
        String old = PRETTY.toJson(oldDocResult()) + "\n";
        Files.writeString(file, old);
        RunResult r = RunResult.read(file, ExperimentTask.DOC, List.of("a", "b"));
        assertThat(r.bestDevMetric()).isEqualTo(0.8333333333333334);
        LanguageScores.Doc fr = (LanguageScores.Doc) r.languages().get("fr");
        assertThat(fr.confusion().count("a", "b")).isEqualTo(1);
        assertThat(fr.confusion().count("b", "b")).isEqualTo(1);
        assertThat(fr.confusion().accuracy()).isEqualTo(0.75); // 3 of 4 on the diagonal
        Path again = dir.resolve("again.json");
        r.write(again);
        assertThat(Files.readString(again)).isEqualTo(old);
    }

    @Test
    void aTypingResultKeepsItsCountsAndTheirTextInTheReport() throws Exception {
        JsonObject result = new JsonObject();
        result.addProperty("variant", "baseline");
        result.addProperty("seed", 1L);
        result.addProperty("steps", 10L);
        result.addProperty("best_dev_micro_f1", 0.5);
        result.addProperty("best_step", 5L);
        JsonObject de = new JsonObject();
        de.addProperty("micro_f1", 0.4);
        de.addProperty("micro_precision", 0.5);
        de.addProperty("micro_recall", 0.3333333333333333);
        de.addProperty("tp", 2L);
        de.addProperty("fp", 2L);
        de.addProperty("fn", 4L);
        de.addProperty("documents", 3);
        JsonObject langs = new JsonObject();
        langs.add("de", de);
        result.add("languages", langs);
        Path file = dir.resolve("typing.json");
        String old = PRETTY.toJson(result) + "\n";
        Files.writeString(file, old);
        RunResult r = RunResult.read(file, ExperimentTask.TYPING, List.of("x", "y"));
        LanguageScores.Typing t = (LanguageScores.Typing) r.languages().get("de");
        assertThat(t.details()).containsExactly(Map.entry("micro_precision", "0.5"),
                Map.entry("micro_recall", "0.3333333333333333"), Map.entry("tp", "2"),
                Map.entry("fp", "2"), Map.entry("fn", "4"));
        Path again = dir.resolve("again.json");
        r.write(again);
        assertThat(Files.readString(again)).isEqualTo(old);
        // the doc reading of a typing file names what it expected
        assertThatThrownBy(() -> RunResult.read(file, ExperimentTask.DOC, List.of("x", "y")))
                .hasMessageContaining("typing.json").hasMessageContaining("accuracy, macro_f1");
    }
}
