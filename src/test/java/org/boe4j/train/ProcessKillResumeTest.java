package org.boe4j.train;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real kill: the run is started in a child JVM, killed with SIGKILL (Process.destroyForcibly) once it has
 * logged a few steps, wherever it happens to be (computing, writing a checkpoint, writing a log line), and then
 * resumed in this JVM. The result must equal an uninterrupted run bit for bit. Checkpoints are taken after
 * every step so that the kill often lands inside a checkpoint write.
 */
class ProcessKillResumeTest {

    private static final SoftmaxRegression.Data TRAIN = new SoftmaxRegression.Data(50, 4, 3, 1);
    private static final SoftmaxRegression.Batch DEV = new SoftmaxRegression.Data(30, 4, 3, 2).all();

    @TempDir
    Path tmp;

    static SoftmaxRegression model(long initSeed) {
        return new SoftmaxRegression(4, 3, 0.2, DataType.FLOAT, initSeed);
    }

    static Trainer<SoftmaxRegression.Batch> trainer(Path dir, SoftmaxRegression model) {
        TrainerConfig c = TrainerConfig.defaults().withEpochs(3).withBatching(8, 2).withEvalAndCheckpointEvery(2, 1)
                .withPatience(100).withOptimizer(AdamWConfig.defaults().withLearningRate(0.05)).withSeed(11);
        return new Trainer<>(model, TRAIN, () -> Evaluation.of(model.accuracy(DEV)), c, dir,
                TrainingProvenance.of("", "", Map.of("train", "synthetic-1"), Map.of(), c.seed()),
                new PrintStream(PrintStream.nullOutputStream()));
    }

    /**
     * Phase 1 kills the fresh run once it has logged 4 steps; phase 2 resumes it in a child JVM and kills that one
     * while a checkpoint directory is being written (a hidden ".step-..." directory exists). Then this JVM
     * resumes: the newest complete checkpoint is used, the half-written one is ignored and cleaned up, and the
     * result equals the uninterrupted run's bit for bit.
     */
    @Test
    void sigkilledRunResumesToTheUninterruptedResult() throws Exception {
        Path killedDir = tmp.resolve("killed");
        Path log = killedDir.resolve(TrainingLog.FILE_NAME);

        Process first = start(killedDir, "train", "first.out");
        awaitOrFail(first, () -> stepLines(log) >= 4, "first.out");
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long firstKill = stepLines(log);

        Process second = start(killedDir, "resume", "second.out");
        awaitOrFail(second, () -> !leftovers(killedDir).isEmpty(), "second.out");
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        List<String> halfWritten = leftovers(killedDir);
        System.out.printf("first kill after %d logged steps; second kill during a checkpoint write (%s) after %d"
                + " logged steps; newest complete checkpoint %s%n", firstKill, halfWritten, stepLines(log),
                new CheckpointStore(killedDir, 2).latest().map(Path::getFileName).orElse(null));
        assertThat(halfWritten).isNotEmpty();

        SoftmaxRegression uninterrupted = model(1);
        trainer(tmp.resolve("whole"), uninterrupted).train();
        SoftmaxRegression resumed = model(99);
        Trainer.Result r = trainer(killedDir, resumed).resume();

        assertThat(r.finished()).isTrue();
        CheckpointStoreTest.assertBitEqual(resumed.parameters(), uninterrupted.parameters());
        assertThat(steps(killedDir)).hasSize(12).isEqualTo(steps(tmp.resolve("whole")));
        assertThat(leftovers(killedDir)).as("half-written checkpoint removed by the next save").isEmpty();
    }

    private Process start(Path runDir, String mode, String out) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                KillableTrainingRun.class.getName(), runDir.toString(), mode)
                .redirectErrorStream(true).redirectOutput(tmp.resolve(out).toFile()).start();
    }

    private interface Condition {
        boolean holds() throws IOException;
    }

    /** Polls every millisecond so that a checkpoint write (tens of ms) is caught while it is in progress. */
    private void awaitOrFail(Process child, Condition c, String out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!c.holds()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                child.destroyForcibly();
                throw new AssertionError("child ended or timed out before the kill point; output: "
                        + Files.readString(tmp.resolve(out)));
            }
            Thread.sleep(1);
        }
    }

    private static List<String> leftovers(Path runDir) throws IOException {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    private static long stepLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("{\"type\":\"step\"") && l.endsWith("}")).count();
    }

    private static List<String> steps(Path runDir) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonObject o : TrainingLog.read(runDir.resolve(TrainingLog.FILE_NAME))) {
            if (o.get("type").getAsString().equals("step")) {
                o.remove("time");
                o.remove("examplesPerSecond");
                out.add(o.toString());
            }
        }
        return out;
    }
}
