package org.boe4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.boe4j.data.BadRowPolicy;
import org.boe4j.eval.BoeSetup;
import org.boe4j.eval.ExperimentData;
import org.boe4j.eval.ExperimentPlan;
import org.boe4j.eval.TinyEncoder;
import org.boe4j.model.BoeOptions;
import org.boe4j.model.EntityInit;
import org.boe4j.model.EntityNorm;
import org.boe4j.model.ModelVariant;
import org.boe4j.model.TaskType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** `boe4j experiment` options to {@link ExperimentPlan}, the demo's defaults, and a generic TSV run end to end. */
class ExperimentCommandTest {

    @TempDir
    Path dir;

    private static ExperimentPlan plan(String... args) {
        ExperimentCommand c = new ExperimentCommand();
        new CommandLine(c).parseArgs(args);
        return c.plan();
    }

    @Test
    void theDemoStillRunsTheEmbeddedSib200WithItsSettings() {
        ExperimentPlan p = new DemoCommand().experiment().plan();
        ExperimentData d = p.data();
        assertThat(d.source()).isEqualTo(new ExperimentData.Spec("sib200:{lang}:{split}"));
        assertThat(d.task().type()).isEqualTo(TaskType.SINGLE_LABEL);
        assertThat(d.policy()).isEqualTo(BadRowPolicy.FAIL);
        assertThat(d.splits()).isEqualTo(ExperimentData.Splits.DEFAULT);
        assertThat(d.devFraction()).isZero();
        assertThat(p.name()).isEqualTo("demo");
        assertThat(p.runDir()).isEqualTo(Path.of("runs", "demo"));
        assertThat(p.targets()).containsExactly("fr", "de", "ja", "zh", "it", "ru", "es");
        assertThat(p.variants()).containsExactly(ModelVariant.BASELINE, ModelVariant.BOE, ModelVariant.BOE_EMB,
                ModelVariant.BOE_ATT);
        assertThat(p.seeds()).containsExactly(1L, 2L, 3L);
        assertThat(p.frozenEncoder()).isTrue();
        assertThat(p.maxLength()).isEqualTo(128);
        assertThat(p.maxEntitiesPerDocument()).isEqualTo(64);
        assertThat(p.trainer().epochs()).isEqualTo(40);
        assertThat(p.trainer().microBatchSize()).isEqualTo(32);
        assertThat(p.trainer().patience()).isEqualTo(5);
        assertThat(p.trainer().optimizer().learningRate()).isEqualTo(1e-3);
        assertThat(d.paperTable().task()).isEqualTo("MLDoc"); // as before: the MLDoc table for shape
        assertThat(p.boe()).isEqualTo(BoeSetup.Preset.DEMO.setup(null)); // the study's choice (docs/results.md)
        assertThat(p.boe().init()).isEqualTo(EntityInit.NAME_RAW.withNorm(EntityNorm.parse("2")));
        assertThat(p.boe().head()).isEqualTo(BoeOptions.PAPER); // eqs. (5)-(6): h + z, no gate
        assertThat(p.cacheDir()).isEqualTo(Path.of("runs", "cache"));
    }

    /** Each BoE option overrides the preset; the paper preset is the model of eq. (4) with the encoded names. */
    @Test
    void bagOfEntitiesOptionsOverrideThePreset() {
        assertThat(plan().boe()).isEqualTo(BoeSetup.PAPER);
        assertThat(BoeSetup.PAPER.init()).isEqualTo(EntityInit.NAME_RAW);
        assertThat(BoeSetup.PAPER.head()).isEqualTo(BoeOptions.PAPER);
        assertThat(BoeSetup.PAPER.entityLearningRateScale()).isEqualTo(1.0);
        BoeSetup s = plan("--entity-init", "names", "--entity-norm", "0.05h", "--gate", "0.1", "--commonness", "off",
                "--entity-dropout", "0.2", "--entity-lr", "0").boe();
        assertThat(s.init().source()).isEqualTo(EntityInit.Source.NAMES);
        assertThat(s.init().norm()).isEqualTo(new EntityNorm(EntityNorm.Kind.FRACTION_OF_H, 0.05));
        assertThat(s.head()).isEqualTo(new BoeOptions(0.1, false, 0.2));
        assertThat(s.entityLearningRateScale()).isZero();
        BoeSetup t = plan("--boe-preset", "demo", "--entity-init", "template", "--entity-template", "About {name}.",
                "--gate", "none").boe();
        assertThat(t.init().template()).isEqualTo("About {name}.");
        assertThat(t.init().norm()).isEqualTo(BoeSetup.Preset.DEMO.setup(null).init().norm());
        assertThat(t.head().gated()).isFalse();
        Path w2v = dir.resolve("w2v.txt");
        assertThat(plan("--entity-vectors", w2v.toString()).boe().init().file()).isEqualTo(w2v);
        assertThatThrownBy(() -> plan("--entity-init", "wikipedia2vec")).hasMessageContaining("need a file");
        assertThatThrownBy(() -> plan("--entity-init", "glove")).hasMessageContaining("expected one of");
        assertThatThrownBy(() -> plan("--commonness", "maybe")).hasMessageContaining("expected on or off");
        assertThatThrownBy(() -> plan("--entity-template", "no slot", "--entity-init", "template"))
                .hasMessageContaining("has no {name}");
        assertThatThrownBy(() -> plan("--boe-preset", "best")).hasMessageContaining("expected one of");
    }

    /** --full: the paper's protocol, batch 32 reached by accumulation so that a step fits 24 GB (docs/training.md). */
    @Test
    void theFullDemoFineTunesWithTenSeedsAndBatch32AsFourMicroBatchesOf8() {
        DemoCommand demo = new DemoCommand();
        demo.full = true;
        ExperimentPlan p = demo.experiment().plan();
        assertThat(p.name()).isEqualTo("demo-full");
        assertThat(p.frozenEncoder()).isFalse();
        assertThat(p.seeds()).hasSize(10);
        assertThat(p.trainer().microBatchSize() * p.trainer().accumulationSteps()).isEqualTo(32);
        assertThat(p.trainer().microBatchSize()).isEqualTo(8);
        assertThat(p.trainer().optimizer().learningRate()).isEqualTo(2e-5);
        assertThat(p.trainer().epochs()).isEqualTo(10);
        assertThat(p.trainer().patience()).isEqualTo(3);
    }

    @Test
    void dataOptionsNameEveryDataset() {
        assertThat(plan("--data", "sib200:/d/sib-200").data().source())
                .isEqualTo(new ExperimentData.Spec("sib200:/d/sib-200/{flores}:{split}"));
        ExperimentData mldoc = plan("--data", "mldoc:/d/mldoc").data();
        assertThat(mldoc.source()).isEqualTo(new ExperimentData.Spec("mldoc:/d/mldoc:{lang}:{split}"));
        assertThat(mldoc.splits()).isEqualTo(new ExperimentData.Splits("train.1000", "dev", "test"));
        assertThat(plan("--data", "mldoc:/d/mldoc", "--train-split", "train.10000").data().splits().train())
                .isEqualTo("train.10000");
        // a plain directory is SIB-200 (as before); anything else that is no template is rejected
        assertThat(plan("--data", dir.toString()).data().source())
                .isEqualTo(new ExperimentData.Spec("sib200:" + dir.resolve("{flores}") + ":{split}"));
        assertThatThrownBy(() -> plan("--data", dir.resolve("nowhere").toString()))
                .hasMessageContaining("not a directory, and not mldoc:<dir>");

        ExperimentData shinra = plan("--task", "typing", "--data", "shinra:/s/{lang}.json", "--dump",
                "/w/{lang}wiki.xml.bz2", "--threshold", "0.3", "--max-length", "64").data();
        assertThat(shinra.source()).isEqualTo(new ExperimentData.ShinraFiles("/s/{lang}.json", "/w/{lang}wiki.xml.bz2",
                1280, false));
        assertThat(shinra.devFraction()).isEqualTo(0.05);
        assertThat(shinra.task().threshold()).isEqualTo(0.3);
        assertThat(shinra.paperTable().task()).isEqualTo("SHINRA2020-ML");
        assertThatThrownBy(() -> plan("--task", "typing", "--data", "shinra:/s/{lang}.json"))
                .hasMessageContaining("--dump");
        assertThatThrownBy(() -> plan("--data", "shinra:/s/{lang}.json", "--dump", "/w/{lang}.xml"))
                .hasMessageContaining("--task typing");
        assertThatThrownBy(() -> plan("--task", "tagging")).hasMessageContaining("expected doc");

        ExperimentData tsv = plan("--data", "tsv:/r/{lang}.{split}.tsv?text=review&label=stars", "--skip-bad-rows",
                "--dev-fraction", "0.1").data();
        assertThat(tsv.policy()).isEqualTo(BadRowPolicy.SKIP);
        assertThat(tsv.devFraction()).isEqualTo(0.1);
        assertThat(tsv.paperTable()).isNull();
    }

    @Test
    void multiconerIsTypingOnEveryLanguagePresentTestedOnItsDevFile() throws Exception {
        org.boe4j.data.MultiCoNerTest.copyFixture(dir);
        ExperimentPlan p = plan("--data", "multiconer:" + dir, "--max-train", "8", "--max-eval", "3");
        assertThat(p.data().source()).isEqualTo(new ExperimentData.Spec("multiconer:" + dir + ":{lang}:{split}"));
        assertThat(p.data().task().type()).isEqualTo(TaskType.MULTI_LABEL);
        assertThat(p.data().splits()).isEqualTo(ExperimentData.Splits.MULTICONER);
        assertThat(p.targets()).containsExactly("de", "zh"); // the fixture's <lang>-dev.conll files other than en
        assertThat(p.data().paperTable().task()).isEqualTo("SHINRA2020-ML");
        assertThat(p.data().maxTrainExamples()).isEqualTo(8);
        assertThat(plan("--data", "multiconer:" + dir, "--targets", "zh").targets()).containsExactly("zh");
        assertThatThrownBy(() -> plan("--task", "doc", "--data", "multiconer:" + dir))
                .hasMessageContaining("--task typing");

        ExperimentData.Loaded loaded = p.data().load("en", p.languages(), new PrintStream(
                PrintStream.nullOutputStream()));
        assertThat(loaded.labels()).hasSize(39);
        assertThat(loaded.train().size()).isEqualTo(8);
        assertThat(loaded.dev().size()).isEqualTo(3);
        assertThat(loaded.tests().get("en")).isSameAs(loaded.dev()); // English is scored on its dev set
        assertThat(loaded.tests().get("de").size()).isEqualTo(2);
        assertThat(loaded.tests().get("zh").size()).isEqualTo(2);
        assertThat(loaded.notes().get(0)).contains("the first 8 of 12 examples");
    }

    // ------------------------------------------------------------------ generic TSV end to end

    private record Run(int code, String out, String err) {
    }

    private static Run main(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private void tsv(String name, String... rows) throws Exception {
        Files.writeString(dir.resolve(name), "stars\tnote\treview\n" + String.join("\n", rows) + "\n");
    }

    @Test
    void genericTsvWithChosenColumnsRunsEndToEndAndBadRowsAreAnErrorOrSkipped() throws Exception {
        Path weights = TinyEncoder.create(dir.resolve("tiny-bert"));
        tsv("en.train.tsv", "pos\ta\tGreat phone, works well.", "neg\tb\tBroke after a day.", "pos\tc\tLoved it.",
                "neg\td\tTerrible battery.");
        tsv("en.dev.tsv", "neg\te\tAwful.", "pos\tf\tFine.");
        tsv("en.test.tsv", "pos\tg\tVery good.", "neg\th\tBad.");
        tsv("es.test.tsv", "neg\ti\tMalo.", "meh\tj\tAsí así.", "pos\tk\tMuy bueno.");
        String[] args = {"experiment", "--name", "reviews", "--runs", dir.resolve("runs").toString(),
            "--data", "tsv:" + dir + "/{lang}.{split}.tsv?text=review&label=stars", "--targets", "es",
            "--variants", "baseline", "--seeds", "1", "--frozen-encoder", "--epochs", "2", "--batch", "2",
            "--weights", weights.toString(), "--max-length", "32", "--kb", dir.resolve("kb.boe4jkb").toString()};

        Run failed = main(args);
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("boe4j: error: " + dir.resolve("es.test.tsv")
                + ":3: unknown label 'meh': the training split has only [neg, pos]");

        String[] skipping = Stream.concat(Arrays.stream(args), Stream.of(
                "--skip-bad-rows")).toArray(String[]::new);
        Run ok = main(skipping);
        assertThat(ok.code()).as(ok.err()).isZero();
        Path run = dir.resolve("runs/reviews");
        assertThat(run.resolve("table.md")).isRegularFile();
        JsonObject results = JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
        assertThat(results.getAsJsonObject("provenance").entrySet()).anyMatch(e -> e.getValue().getAsString()
                .contains("tsv es test: 2 examples; 1 rows skipped"));
        // es accuracy from the run's predictions against the gold written above (lines 2 and 4: neg, pos)
        List<String> lines = Files.readAllLines(run.resolve("runs/baseline/seed-1/predictions-es.jsonl"));
        assertThat(lines).hasSize(3);
        int correct = 0;
        String[] gold = {"neg", "pos"};
        for (int i = 0; i < 2; i++) {
            JsonObject o = JsonParser.parseString(lines.get(i + 1)).getAsJsonObject();
            correct += o.getAsJsonArray("predicted").get(0).getAsString().equals(gold[i]) ? 1 : 0;
        }
        double value = Double.NaN;
        for (JsonElement c : results.getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (cell.get("language").getAsString().equals("es")) {
                value = cell.getAsJsonArray("runs").get(0).getAsJsonObject().get("value").getAsDouble();
            }
        }
        assertThat(value).isEqualTo(correct / 2.0);
    }
}
