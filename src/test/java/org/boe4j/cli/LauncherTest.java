package org.boe4j.cli;

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

    private record Result(int code, String out) {
    }

    @BeforeAll
    static void needsBash() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) && Files.isRegularFile(LAUNCHER), "no bash or launcher");
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/bin/bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(caller.toFile()).redirectErrorStream(true);
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
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
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
                .contains("(default: " + REPOSITORY.resolve("kb/icu-default.boe4jkb") + ")")
                .contains("(default: " + REPOSITORY.resolve("weights/bert-base-multilingual-cased") + ",");

        Path home = Files.createDirectories(caller.resolve("home"));
        Result elsewhere = launch(Map.of("BOE4J_HOME", "home"), "experiment", "--help");
        assertThat(elsewhere.out()).contains("(default: " + home.resolve("runs") + ")")
                .contains("(default: " + home.resolve("kb/icu-default.boe4jkb") + ")");
    }
}
