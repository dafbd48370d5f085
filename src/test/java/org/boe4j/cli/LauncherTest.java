package org.boe4j.cli;

import com.google.gson.JsonParser;
import org.boe4j.kb.KbBuilder;
import org.boe4j.kb.KbFile;
import org.boe4j.kb.KbOptions;
import org.boe4j.kb.KnowledgeBase;
import org.boe4j.model.TinyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code ./boe4j} script, started from another directory (issue 16, defect 1): relative paths on the
 * command line are the caller's, for input and output alike, and the defaults (runs/, kb/, weights/) come from the
 * boe4j home (the repository, or BOE4J_HOME). The script runs the test's own class path (BOE4J_CLASSPATH) so that
 * it does not start a Maven build; everything after that line is the launcher as users run it.
 */
class LauncherTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath();
    private static final Path LAUNCHER = REPOSITORY.resolve("boe4j");

    @TempDir
    Path caller;

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    static void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isRegularFile(LAUNCHER), "no bash or launcher");
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return launch(env, false, args);
    }

    /** @param separate stderr apart from stdout (else merged into {@code out}) */
    private Result launch(Map<String, String> env, boolean separate, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        Path errFile = caller.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(caller.toFile());
        if (separate) {
            pb.redirectError(errFile.toFile());
        } else {
            pb.redirectErrorStream(true);
        }
        pb.environment().remove("BOE4J_HOME");
        pb.environment().put("BOE4J_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("BOE4J_HEAP", "256m");
        pb.environment().put("BOE4J_OFFHEAP", "512m");
        pb.environment().put("BOE4J_JAVA_OPTS", "-Dpicocli.usage.width=400");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                separate ? Files.readString(errFile, StandardCharsets.UTF_8) : "");
    }

    @Test
    void relativeInputAndOutputPathsAreTheCallers() throws Exception {
        TinyModels.writeKb(caller.resolve("de.kb"));
        KbBuilder en = new KbBuilder(KbOptions.defaults());
        en.addEntry("en", "Japan", 1, "Japan", 1);
        KbFile.write(en.build(), caller.resolve("en.kb"));

        Result info = launch(Map.of(), "kb", "info", "de.kb");
        assertThat(info.code()).as(info.out()).isZero();
        assertThat(info.out()).contains("file          de.kb").contains("languages     2: [de, en]");

        Result merge = launch(Map.of(), "kb", "merge", "de.kb", "en.kb", "--out", "out/merged.kb");
        assertThat(merge.code()).as(merge.out()).isZero();
        KnowledgeBase merged = KbFile.read(caller.resolve("out/merged.kb"));
        assertThat(merged.languages()).containsExactly("de", "en");
        assertThat(REPOSITORY.resolve("out/merged.kb")).doesNotExist();
    }

    @Test
    void theDefaultsComeFromTheHomeNotFromTheCallersDirectory() throws Exception {
        Result help = launch(Map.of(), "experiment", "--help");
        assertThat(help.code()).as(help.out()).isZero();
        assertThat(help.out()).contains("(default: " + REPOSITORY.resolve("runs") + ")")
                .contains("(default: " + REPOSITORY.resolve("kb/default.boe4jkb") + ")")
                .contains("(default: " + REPOSITORY.resolve("weights/bert-base-multilingual-cased") + ",");

        Path home = Files.createDirectories(caller.resolve("home"));
        Result elsewhere = launch(Map.of("BOE4J_HOME", "home"), "experiment", "--help");
        assertThat(elsewhere.out()).contains("(default: " + home.resolve("runs") + ")")
                .contains("(default: " + home.resolve("kb/default.boe4jkb") + ")");
    }

    /**
     * A model command prints its results and nothing else (issue 14, issue 16 defect 10): stdout of predict --json is
     * JSON lines only, stderr holds the model line and no library logging (before: DJL's CUDA probe warning twice and
     * ND4J's two duplicate-TF-op-mapping warnings); --verbose and BOE4J_VERBOSE=1 bring the libraries' INFO back.
     */
    @Test
    void aModelCommandPrintsItsResultsOnlyUnlessVerbose() throws Exception {
        Path model = TinyModels.saveFrozenBoeModel(caller);
        Files.writeString(caller.resolve("texts.txt"), "Paris liegt in Frankreich.\nBerlin.\n");
        String[] predict = {"predict", "--model", "model", "--lang", "de", "--json", "--file", "texts.txt"};

        Result quiet = launch(Map.of(), true, predict);
        assertThat(quiet.code()).as(quiet.err()).isZero();
        List<String> lines = quiet.out().lines().toList();
        assertThat(lines).hasSize(2);
        for (String line : lines) {
            assertThat(JsonParser.parseString(line).isJsonObject()).as(line).isTrue();
        }
        assertThat(quiet.err().lines().toList()).containsExactly("model: " + Path.of("model")
                + " (boe, 3 labels, frozen encoder " + model.getParent().resolve("mbert").toAbsolutePath() + ")");

        Result verbose = launch(Map.of(), true, "--verbose", "predict", "--model", "model", "--lang", "de", "--json",
                "--file", "texts.txt");
        assertThat(verbose.code()).as(verbose.err()).isZero();
        assertThat(verbose.out()).isEqualTo(quiet.out());
        assertThat(verbose.err()).contains("INFO org.nd4j").contains("WARN org.nd4j.imports.converters.ImportClassMapping");
        Result env = launch(Map.of("BOE4J_VERBOSE", "1"), true, predict);
        assertThat(env.err()).contains("INFO org.nd4j");
    }

    /**
     * A batch larger than the memory allowed (a 4096-text batch once died with a 43-line OutOfMemoryError trace) ends
     * with one message naming the limits and what to change. Native memory is capped at 64 MB here, and each of the
     * 20,000 texts fills the tiny model's 32 positions, so one layer's feed-forward activations alone take
     * 20,000 x 32 x 64 floats = 164 MB: the batch cannot fit whatever the graph frees early (short texts no longer
     * hit the cap since released arrays are freed at once, bert.fused.FreeOnRelease).
     */
    @Test
    void aBatchThatDoesNotFitEndsWithAMessageNamingTheLimitAndTheOptions() throws Exception {
        TinyModels.saveFrozenBoeModel(caller);
        String longText = "Paris liegt in Frankreich und Berlin in Deutschland. ".repeat(4).strip() + "\n";
        Files.writeString(caller.resolve("many.txt"), longText.repeat(20_000));
        Result r = launch(Map.of("BOE4J_JAVA_OPTS", "-Dorg.bytedeco.javacpp.maxbytes=64m"), true,
                "predict", "--model",
                "model", "--lang", "de", "--batch", "20000", "--file", "many.txt");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("boe4j: error: out of memory while predicting a batch of 20000 texts")
                .contains("native memory 64 MB").contains("lower --batch").contains("BOE4J_OFFHEAP")
                .doesNotContain("\tat ");
    }
}
